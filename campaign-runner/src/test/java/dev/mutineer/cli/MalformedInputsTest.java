package dev.mutineer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds every {@link MalformedInputs} case to {@code mutineer validate} through the real command line, in-process:
 * each must be refused with exit 2, within a second, in the user's words (no stack trace, no Java names), creating
 * nothing.
 */
class MalformedInputsTest {

    private static final long SEED = 13;
    private static final long LIMIT_NANOS = 1_000_000_000L;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    /** What must never reach a user: stack frames, exception and Java type names, Jackson's settings, the JDK's decoder. */
    private static final Pattern JAVA_TALK = Pattern.compile(
            "(?m)^\\s+at [a-z]|Exception|java\\.|jackson|snakeyaml|StreamReadConstraints|Input length|`");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int validate(Path file) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = Mutineer.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute("validate", file.toString());
    }

    @Test
    void everyMalformedInputIsRefusedQuicklyInWordsWithoutCreatingAnything(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("examples");
        copyTree(Path.of("..", "examples"), dir);
        Files.createDirectory(dir.resolve("empty-dir"));
        boolean fifo = new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).start().waitFor() == 0;
        List<String> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                examples.add(Files.readString(f));
            }
        }

        // Controls: the cases' starting points are valid, so each refusal is the damage's doing (and classes are loaded).
        Path campaign = dir.resolve("case.yaml");
        Files.writeString(campaign, MalformedInputs.BASE);
        assertThat(validate(campaign)).as(err.toString()).isZero();
        Files.writeString(dir.resolve("m.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n"
                + "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\n"
                + "spec: {group: example.com, names: {kind: Widget}, versions: [{name: v1}]}\n---\n"
                + "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
        Files.writeString(campaign, MalformedInputs.BASE.replace("workloads/", "m.yaml"));
        assertThat(validate(campaign)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("3 objects");

        List<MalformedInputs.Case> cases = MalformedInputs.generate(SEED, examples);
        Set<String> cwdBefore = listing(Path.of(""));
        int clean = 0;
        List<String> other = new ArrayList<>();
        long slowest = 0;
        long slowestWall = 0;
        for (MalformedInputs.Case c : cases) {
            if (!fifo && c.label().contains("fifo")) {
                continue;
            }
            Files.write(campaign, c.campaign());
            for (Map.Entry<String, byte[]> m : c.manifests().entrySet()) {
                Files.write(dir.resolve(m.getKey()), m.getValue());
            }
            Set<String> before = listing(tmp);
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            int code = validate(campaign);
            // The limit is on this thread's CPU time: on a machine shared by many builds (load 17 on 2 cores) the wall
            // clock measures the neighbours; the slowest wall time is printed beside it.
            long took = THREADS.getCurrentThreadCpuTime() - cpuStart;
            slowestWall = Math.max(slowestWall, System.nanoTime() - start);
            slowest = Math.max(slowest, took);
            String output = out + "" + err;
            List<String> wrong = new ArrayList<>();
            if (code != ExitCodes.USAGE) wrong.add("exit " + code);
            if (took > LIMIT_NANOS) wrong.add(took / 1_000_000 + " ms of CPU");
            if (JAVA_TALK.matcher(output).find()) wrong.add("Java in the message");
            if (!err.toString().contains("invalid (")) wrong.add("no problem count");
            if (!listing(tmp).equals(before)) wrong.add("created files");
            if (wrong.isEmpty()) {
                clean++;
            } else {
                other.add(c.label() + ": " + wrong + "\n" + output.lines().limit(4).reduce("", (a, b) -> a + "    " + b + "\n"));
            }
            for (String m : c.manifests().keySet()) {
                Files.delete(dir.resolve(m));
            }
        }
        assertThat(listing(Path.of(""))).isEqualTo(cwdBefore);
        System.out.printf("malformed inputs (seed %d): %d cases, %d clean refusals, %d other; slowest %d ms of CPU, %d ms wall%n",
                SEED, cases.size(), clean, other.size(), slowest / 1_000_000, slowestWall / 1_000_000);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        assertThat(other).as(String.join("\n", other)).isEmpty();
    }

    @Test
    void oddCampaignPathsAreRefusedInWords(@TempDir Path tmp) {
        for (String path : List.of("a\0b", tmp.toString(), "/dev/zero", tmp.resolve("missing.yaml").toString(), "")) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            CommandLine cl = Mutineer.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            assertThat(cl.execute("validate", path)).as(path + ": " + err).isEqualTo(ExitCodes.USAGE);
            assertThat(out + "" + err).as(path).doesNotContainPattern(JAVA_TALK);
        }
    }

    private static Set<String> listing(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> !p.startsWith(Path.of("target"))).map(Path::toString).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
