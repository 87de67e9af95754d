"""`make bench`: roundtable measured at the size of a real forum, against what users would use instead."""
