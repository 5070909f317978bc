#!/usr/bin/env python3
"""kill_at.py DB TARGET CMD... — run CMD, watch the number of documents stored in the SQLite
database DB (read-only, every few milliseconds) and kill CMD with SIGKILL as soon as it is at
least TARGET: a kill while documents are being stored, however fast this build codes. Prints
the count seen at the kill, or 'done' when CMD ended first."""
import os, signal, sqlite3, subprocess, sys, time

db, target, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
proc = subprocess.Popen(cmd)

def stored():
    if not os.path.exists(db):
        return 0
    try:
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=0.05)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0   # not created yet, or busy: look again

while proc.poll() is None:
    n = stored()
    if n >= target:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        print(n)
        sys.exit(0)
    time.sleep(0.002)
print("done")
