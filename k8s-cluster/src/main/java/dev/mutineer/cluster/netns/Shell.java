package dev.mutineer.cluster.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Short-lived helper commands (ip, umount, ctr): run to completion, output captured, failure explained. */
public final class Shell {

    /** What a finished command printed (stdout and stderr together) and its exit code. */
    public record Result(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    private Shell() {
    }

    /** Runs argv and returns its result, whatever the exit code. */
    public static Result run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(-1, out + "\n(timed out)");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", argv), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", argv), e);
        }
    }

    /** Runs argv and fails, with its output, unless it exits 0. */
    public static String check(List<String> argv) {
        Result r = run(argv);
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", argv) + " exited " + r.exit() + ": " + r.output().trim());
        }
        return r.output();
    }
}
