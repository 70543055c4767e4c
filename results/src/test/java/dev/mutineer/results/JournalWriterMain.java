package dev.mutineer.results;

import java.nio.file.Path;

/** Child process of {@link JournalTest#sigkillLosesNothingAlreadyAppended}: appends and acknowledges until killed. */
public final class JournalWriterMain {

    private JournalWriterMain() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[1]);
        try (Journal j = Journal.open(Path.of(args[0]))) {
            for (int i = 0; i < n; i++) {
                JournalRecord r = SampleResults.result("kill" + i, dev.mutineer.classifier.Outcome.values()[i % 8],
                        "Pod", "p" + i, "spec.nodeName", true, "bitflip", i);
                j.append(r);
                System.out.println(r.id());
                System.out.flush();
            }
        }
    }
}
