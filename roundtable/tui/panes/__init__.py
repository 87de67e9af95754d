"""The session screen's panes: the floor, the queue (with the strip of requests from phones above
it), the interventions given. Each shows its part of the floor the screen has read (attributes
down), runs the commands on what it shows (one store function each), and posts `FloorWritten` so
that the screen re-reads the floor once for all of them (messages up). The keys stay the screen's
(the table of actions' "session" rows): its actions hand each key to the pane it concerns.
"""
