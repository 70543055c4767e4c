package dev.mutineer.injector.bench;

import dev.mutineer.injector.analysis.BitFlipCensus;
import dev.mutineer.injector.analysis.FlipEffect;
import dev.mutineer.injector.catalog.FieldCatalog;
import dev.mutineer.injector.catalog.FieldEditor;
import dev.mutineer.injector.catalog.FieldPath;
import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.operator.Mutation;
import dev.mutineer.injector.operator.Neighbours;
import dev.mutineer.injector.operator.OperatorInput;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.injector.testing.StoredSamples;

import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * Prints figures; asserts nothing. Single thread, so "per second" is per core.
 * <ol>
 *   <li>decode + mutate + encode throughput for a real stored Pod (from a live cluster);</li>
 *   <li>per kind, what single-bit flips do: every bit of one real stored object of the kind.</li>
 * </ol>
 * Run with {@code scripts/bench.sh injector [-Dseconds=S]} (seconds per measurement, default 5).
 */
public final class InjectorBenchmark {

    private static final StorageCodec CODEC = new StorageCodec();

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : Double.parseDouble(System.getProperty("seconds", "5"));
        Map<String, byte[]> samples = StoredSamples.all();
        byte[] pod = samples.get("Pod");
        StoredObject decodedPod = CODEC.tryDecode(pod).orElseThrow();
        FieldPath image = FieldPath.parse("spec.containers[0].image");
        System.out.printf("Pod sample: %d bytes, %d catalog rows%n", pod.length, FieldCatalog.of(decodedPod).size());
        System.out.printf("%-52s %12s %12s %10s%n", "operation (one thread)", "/ CPU-second", "/ wall-second", "warm-up");

        measure("decode", seconds, () -> CODEC.decode(pod).decoded() ? 1 : 0);
        measure("encode", seconds, () -> CODEC.encode(decodedPod).length);
        com.google.protobuf.Descriptors.Descriptor podType = decodedPod.message().getDescriptorForType();
        measure("wire path: check + splice image + check", seconds, () -> {
            if (CODEC.check(pod) != null) {
                throw new IllegalStateException("sample does not decode");
            }
            byte[] out = dev.mutineer.injector.codec.WireEditor.set(pod, podType, image, "nginx:1.28").orElseThrow();
            return CODEC.check(out) == null ? out.length : 0;
        });
        measure("object path: decode + set image + encode", seconds, () -> {
            StoredObject o = (StoredObject) CODEC.decode(pod);
            return CODEC.encode(FieldEditor.set(o, image, "nginx:1.28")).length;
        });
        Random r = new Random(1);
        measure("bit-flip + check", seconds, () -> {
            byte[] f = pod.clone();
            f[r.nextInt(f.length)] ^= (byte) (1 << r.nextInt(8));
            return CODEC.check(f) == null ? 1 : 0;
        });
        measure("bit-flip + decode", seconds, () -> {
            byte[] f = pod.clone();
            f[r.nextInt(f.length)] ^= (byte) (1 << r.nextInt(8));
            return CODEC.decode(f).decoded() ? 1 : 0;
        });
        Map<String, String> valueParams = Map.of("field", "spec.containers[0].image", "change", "char");
        measure("decode + value operator (catalog lookup) + encode", seconds, () -> {
            Mutation m = Faults.operator("value").apply(new OperatorInput(pod, CODEC.decode(pod), valueParams, new Random(7), Neighbours.NONE));
            return m.newValue().length;
        });
        measure("field catalog of a decoded Pod", seconds, () -> FieldCatalog.of(decodedPod).size());
        System.out.println();

        System.out.println("Single-bit flips, every bit of one real stored object per kind (Kubernetes 1.36 storage):");
        System.out.printf("%-28s %7s %7s %8s %8s %8s %8s %8s%n", "kind", "bytes", "flips", "one-val", "several", "no-vis", "json500", "undecod");
        BitFlipCensus census = new BitFlipCensus();
        BitFlipCensus.Tally sum = BitFlipCensus.Tally.empty();
        for (Map.Entry<String, byte[]> e : samples.entrySet()) {
            BitFlipCensus.Tally t = census.all(e.getValue());
            sum = sum.plus(t);
            row(e.getKey(), e.getValue().length, t);
        }
        row("all kinds (flip-weighted)", -1, sum);
        System.out.println("one-val: decodes, one field changed; several: decodes, several fields changed; no-vis: decodes, no field changed;");
        System.out.println("json500: decodes, but broken managedFields JSON makes JSON GET/LIST answer 500; undecod: the API server cannot decode it.");

    }

    private static void row(String kind, int bytes, BitFlipCensus.Tally t) {
        System.out.printf("%-28s %7s %7d %7.1f%% %7.1f%% %7.1f%% %7.1f%% %7.1f%%%n", kind, bytes < 0 ? "" : Integer.toString(bytes), t.total(),
                100 * t.share(FlipEffect.ONE_VALUE_CHANGED), 100 * t.share(FlipEffect.SEVERAL_VALUES_CHANGED),
                100 * t.share(FlipEffect.NOTHING_VISIBLE), 100 * t.share(FlipEffect.JSON_UNSERVABLE), 100 * t.share(FlipEffect.UNDECODABLE));
    }

    /**
     * Warms up until the rate settles, then counts calls for the given time. Prints calls per second of this
     * thread's CPU time (what one core does, whatever else runs on the machine) and per second of wall time.
     * The warm-up runs in one-second slices until two in a row agree within 3% (at least 3 s, at most 30 s):
     * C2 needs about ten seconds on these 2-core machines to finish compiling the protobuf parsers, and a
     * fixed 2-second warm-up reported half the steady rate for decoding.
     */
    private static void measure(String name, double seconds, IntSupplier op) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long blackhole = 0;
        long warmStart = System.nanoTime();
        double previous = 0;
        while (true) {
            long sliceCpu = cpu.getCurrentThreadCpuTime();
            long sliceEnd = System.nanoTime() + 1_000_000_000L;
            long calls = 0;
            while (System.nanoTime() < sliceEnd) {
                blackhole += op.getAsInt();
                calls++;
            }
            double rate = calls / ((cpu.getCurrentThreadCpuTime() - sliceCpu) / 1e9);
            long warmed = System.nanoTime() - warmStart;
            boolean settled = previous > 0 && Math.abs(rate - previous) <= 0.03 * previous && warmed >= 3_000_000_000L;
            if (settled || warmed >= 30_000_000_000L) {
                break;
            }
            previous = rate;
        }
        double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
        long n = 0;
        long start = System.nanoTime();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            for (int i = 0; i < 100; i++) {
                blackhole += op.getAsInt();
            }
            n += 100;
            now = System.nanoTime();
        } while (now < end);
        double perCpuSecond = n / ((cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        double perWallSecond = n / ((now - start) / 1e9);
        System.out.printf("%-52s %12.0f %12.0f %8.0f s%s%n", name, perCpuSecond, perWallSecond, warmSeconds, blackhole == 42 ? " " : "");
    }
}
