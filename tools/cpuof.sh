#!/bin/bash
# tools/cpuof.sh CMD…: runs CMD in a cpuacct cgroup (v1) of its own and prints to stderr the CPU
# seconds of CMD and of every process it starts, Chromium's renderers included (which
# /usr/bin/time misses), with the wall time
# and the load.  Needs write access to /sys/fs/cgroup/cpuacct (root, or a delegated hierarchy).
cg=/sys/fs/cgroup/cpuacct/cpuof.$$
mkdir "$cg" || { echo "tools/cpuof.sh: cannot make a cgroup under /sys/fs/cgroup/cpuacct" >&2; exit 2; }
echo $$ > "$cg/cgroup.procs"
t0=$(date +%s.%N)
"$@"; rc=$?
t1=$(date +%s.%N)
echo $$ > /sys/fs/cgroup/cpuacct/cgroup.procs
sleep 0.2   # let processes that outlived CMD be counted, then move them out
cpu=$(awk '{printf "%.1f", $1/1e9}' "$cg/cpuacct.usage")
for p in $(cat "$cg/cgroup.procs"); do echo "$p" > /sys/fs/cgroup/cpuacct/cgroup.procs 2>/dev/null; done
rmdir "$cg" 2>/dev/null
echo "cpuof: cpu ${cpu} s, wall $(echo "$t1 - $t0" | bc) s, load $(cut -d' ' -f1-3 /proc/loadavg), exit $rc" >&2
exit $rc
