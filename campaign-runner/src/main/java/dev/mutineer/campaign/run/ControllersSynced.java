package dev.mutineer.campaign.run;

import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.Component;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether kube-controller-manager's garbage collector has synced since the controller-manager last started. Until
 * then it deletes nothing: a Service deleted by a fault keeps its EndpointSlice for the whole window (an orphan, seen
 * in a recording) where a synced collector removes it within milliseconds (seen in its replays), so an injection that
 * started earlier would be judged on how far the restart had got. Read from the component's log, the only place the
 * collector says so ("All resource monitors have synced"); slowest of the controllers to start, it stands for them.
 */
final class ControllersSynced {

    /** How much of the log's end is read: the lines since a start are well within it. */
    static final int TAIL_BYTES = 256 * 1024;
    static final String SYNCED = "resource monitors have synced";

    private ControllersSynced() {
    }

    static AtRestCondition of(Cluster cluster) {
        return AtRestCondition.of("controllers synced", restoredAt -> {
            if (!cluster.components().contains(Component.CONTROLLER_MANAGER)) {
                return List.of();
            }
            Optional<Path> log = cluster.log(Component.CONTROLLER_MANAGER);
            return log.isEmpty() ? List.of() : notMet(tail(log.get()));
        });
    }

    /** What is not met, judged from the end of the log: empty when the collector synced after the last start. Pure. */
    static List<String> notMet(String tail) {
        int start = tail.lastIndexOf(Cluster.START_MARK);
        if (start < 0) {
            return List.of(); // the last start is older than the tail: long since synced
        }
        if (tail.substring(start).toLowerCase(Locale.ROOT).contains(SYNCED)) {
            return List.of();
        }
        String mark = tail.substring(start + Cluster.START_MARK.length());
        String number = mark.substring(0, Math.max(0, mark.indexOf(':')));
        return List.of("kube-controller-manager: its garbage collector has not synced since start #" + number);
    }

    private static String tail(Path log) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, f.length() - TAIL_BYTES);
            byte[] b = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // cannot tell: the other conditions decide
        }
    }
}
