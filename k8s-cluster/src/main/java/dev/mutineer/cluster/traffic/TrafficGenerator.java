package dev.mutineer.cluster.traffic;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mutineer.cluster.netns.ChildProcess;
import dev.mutineer.cluster.node.GoPrograms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@link Traffic} from the {@code traffic-generator} program (a static Go executable, {@link GoPrograms}): it sends
 * the requests and classifies the answers, and appends one JSON line per completed second to a file of the cluster's
 * work directory; a thread of this class reads those lines and keeps the last {@value #KEPT_SECONDS} seconds.
 * The program runs as a {@link ChildProcess} (its PID and log in the cluster's directories, so the cluster's
 * watchdog and the next start's reaper stop it too; its argv names the work directory through the seconds file).
 */
public final class TrafficGenerator implements Traffic {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficGenerator.class);
    public static final String PROGRAM = "traffic-generator";
    /** Six hours at one line per second: about 2 MB, more than any campaign window looks back. */
    static final int KEPT_SECONDS = 6 * 3600;
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final TrafficTarget target;
    private final ChildProcess process;
    private final Path secondsFile;
    private final Deque<ClientSecond> seconds = new ArrayDeque<>();
    private final Thread reader;
    private volatile boolean closed;

    private TrafficGenerator(TrafficTarget target, ChildProcess process, Path secondsFile) {
        this.target = target;
        this.process = process;
        this.secondsFile = secondsFile;
        this.reader = new Thread(this::readSeconds, "mutineer-traffic-" + target.service());
        this.reader.setDaemon(true);
    }

    /**
     * Starts the generator against {@code address} (a Service's ClusterIP, or any host a test serves on) at
     * {@code target}'s port and path. {@code enter} wraps the argv, e.g. into the cluster's network namespace
     * ({@code NetworkNamespace::command}); {@code secondsFile} must lie in the cluster's work directory.
     */
    public static TrafficGenerator start(TrafficTarget target, String address, UnaryOperator<List<String>> enter,
                                         Path logDir, Path pidDir, Path secondsFile) {
        List<String> argv = enter.apply(argv(GoPrograms.executable(PROGRAM), target, address, secondsFile));
        try {
            Files.createDirectories(secondsFile.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = "traffic-" + secondsFile.getFileName().toString().replaceFirst("\\.jsonl$", "");
        TrafficGenerator g = new TrafficGenerator(target, new ChildProcess(name, argv, logDir, pidDir).start(), secondsFile);
        g.reader.start();
        LOG.info("traffic to {}/{} at {}:{}{}: {}/s, timeout {} ms (log {})", target.namespace(), target.service(), address,
                target.port(), target.path(), target.ratePerSecond(), target.timeout().toMillis(), g.process.log());
        return g;
    }

    /** The generator's command line (before entering a namespace): a pure function of its inputs. */
    static List<String> argv(Path executable, TrafficTarget target, String address, Path secondsFile) {
        return List.of(executable.toString(),
                "-url", "http://" + address + ":" + target.port() + target.path(),
                "-rate", Integer.toString(target.ratePerSecond()),
                "-timeout", target.timeout().toMillis() + "ms",
                "-expect", String.join(",", target.expectedWorkloads()),
                "-out", secondsFile.toString());
    }

    /** One line of the generator's output; empty (and logged) when it does not parse. */
    static Optional<ClientSecond> parse(String line) {
        try {
            return Optional.of(JSON.readValue(line, ClientSecond.class));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("traffic: ignoring a line that does not parse ({}): {}", e.getMessage(), line);
            return Optional.empty();
        }
    }

    @Override
    public TrafficTarget target() {
        return target;
    }

    @Override
    public List<ClientSecond> seconds(Instant from, Instant to) {
        long fromMillis = from.toEpochMilli();
        long toMillis = to.toEpochMilli();
        List<ClientSecond> out = new ArrayList<>();
        synchronized (seconds) {
            for (ClientSecond s : seconds) {
                long start = s.epochSecond() * 1000;
                if (start >= fromMillis && start < toMillis) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The generator's PID; -1 once stopped. */
    public long pid() {
        return process.alive() ? process.pid() : -1;
    }

    public boolean alive() {
        return process.alive();
    }

    public Path log() {
        return process.log();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.stop(2_000);
        reader.interrupt();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------

    /** Follows the seconds file as the generator appends to it; only whole lines are parsed. */
    private void readSeconds() {
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        InputStream in = null;
        try {
            while (!closed) {
                if (in == null && Files.exists(secondsFile)) {
                    in = Files.newInputStream(secondsFile);
                }
                int n = in == null ? 0 : in.read(buf);
                if (n <= 0) {
                    if (!closed && !process.alive()) {
                        LOG.warn("traffic generator {} exited:\n{}", process.name(), process.logTail(10));
                        return;
                    }
                    Thread.sleep(100);
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') {
                        partial.write(buf[i]);
                        continue;
                    }
                    parse(partial.toString(StandardCharsets.UTF_8)).ifPresent(this::keep);
                    partial.reset();
                }
            }
        } catch (InterruptedException e) {
            // close()
        } catch (IOException e) {
            LOG.warn("traffic: cannot read {}: {}", secondsFile, e.toString());
        } finally {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // read-only
                }
            }
        }
    }

    private void keep(ClientSecond s) {
        synchronized (seconds) {
            seconds.addLast(s);
            while (seconds.size() > KEPT_SECONDS) {
                seconds.removeFirst();
            }
        }
    }
}
