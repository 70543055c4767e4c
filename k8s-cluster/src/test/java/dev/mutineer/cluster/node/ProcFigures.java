package dev.mutineer.cluster.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** What the live tests and benchmarks print about a process: its CPU time and resident memory, read from /proc. */
public final class ProcFigures {

    private ProcFigures() {
    }

    /** utime + stime, in clock ticks (/proc/PID/stat fields 14 and 15, counted after the command's parentheses). */
    public static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** VmRSS in KiB; empty when the status file has none (a zombie). */
    public static OptionalLong rssKib(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst();
    }
}
