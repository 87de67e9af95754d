"""`roundtable serve`: the forum in browsers over the venue network (textual-serve underneath).

keys.py (who may connect, in which role), network.py (where to listen, the URL to give), origin.py
(which pages may connect), commands.py (what each role's process runs), process.py (one browser's
process, and how it ends), driver.py (the served app's side of that), server.py (the web server).
"""
