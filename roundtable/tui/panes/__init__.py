"""The session screen's panes: the floor, the queue (with the strip of requests from phones above
it), the interventions given, and the rapporteur's notes. Each shows its part of the session the
screen has read (attributes down) and runs the commands on what it shows (one store function
each); a floor pane then posts `FloorWritten`, so that the screen re-reads the floor once for all
of them (messages up), while the notes pane re-reads its own notes. The keys stay the screen's (the
table of actions' "session" rows): its actions hand each key to the pane it concerns.
"""
