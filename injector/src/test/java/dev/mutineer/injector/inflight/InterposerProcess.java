package dev.mutineer.injector.inflight;

import java.net.URI;

/**
 * An interposer alone in its JVM, for {@link InterposerBenchmark}'s -Dinterposer=process: prints
 * the URL it listens on, relays until its standard input closes (the benchmark ending or dying).
 */
public final class InterposerProcess {
    public static void main(String[] args) throws Exception {
        try (EtcdInterposer interposer = new EtcdInterposer()) {
            System.out.println(interposer.start(URI.create(args[0])));
            System.out.flush();
            while (System.in.read() >= 0) {
                // relaying happens on the interposer's threads
            }
        }
    }

    private InterposerProcess() {
    }
}
