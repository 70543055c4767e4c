package dev.mutineer.injector.codec;

import dev.mutineer.injector.analysis.BitFlipCensus;
import dev.mutineer.injector.analysis.FlipEffect;
import dev.mutineer.injector.catalog.FieldCatalog;
import dev.mutineer.injector.fields.FieldsReport;
import dev.mutineer.injector.operator.BitFlipOperator;
import dev.mutineer.injector.operator.Neighbours;
import dev.mutineer.injector.operator.NotApplicableException;
import dev.mutineer.injector.operator.OperatorInput;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.injector.testing.StoredSamples;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * About ten thousand random single-bit flips (and double flips) of real stored objects through the
 * decoder, the field catalog and the JSON check: nothing throws, every failure has a reason.
 */
class BitFlipPropertyTest {

    private static final int FLIPS_PER_KIND = 400;
    private final StorageCodec codec = new StorageCodec();

    @Test
    void everySampleRoundTripsByteForByte() {
        StoredSamples.all().forEach((kind, bytes) -> {
            StoredObject o = codec.tryDecode(bytes).orElseThrow(() -> new AssertionError(kind + ": " + codec.decode(bytes)));
            assertThat(o.kind()).isEqualTo(kind);
            assertThat(codec.encode(o)).as(kind).isEqualTo(bytes);
        });
    }

    @Test
    void randomFlipsNeverCrashTheDecoderOrTheCatalog() {
        Random r = new Random(20240624);
        int undecodable = 0;
        int total = 0;
        for (Map.Entry<String, byte[]> e : StoredSamples.all().entrySet()) {
            byte[] v = e.getValue();
            for (int n = 0; n < FLIPS_PER_KIND; n++) {
                byte[] flipped = BitFlipOperator.flip(v, r.nextInt(v.length), r.nextInt(8));
                if (n % 2 == 1) {
                    flipped = BitFlipOperator.flip(flipped, r.nextInt(v.length), r.nextInt(8));
                }
                DecodeResult d = codec.decode(flipped);
                total++;
                // the cheap check and the full decode agree on whether the API server can decode it
                boolean javaOnlyRefusal = d instanceof DecodeFailure f && f.kind() == DecodeFailure.Kind.UNSUPPORTED && f.reason().contains(StorageCodec.JAVA_ONLY);
                assertThat(codec.check(flipped) == null).as(e.getKey() + " check vs decode: " + d).isEqualTo(d.decoded() || javaOnlyRefusal);
                if (d instanceof DecodeFailure f) {
                    undecodable++;
                    assertThat(f.reason()).as(e.getKey()).isNotBlank();
                } else {
                    StoredObject o = (StoredObject) d;
                    assertThat(FieldCatalog.of(o)).isNotNull();
                    JsonServability.violation(o);
                    FieldsReport.of(o, "k").toTable();
                    // what decodes also encodes, and encoding is stable
                    byte[] again = codec.encode(o);
                    assertThat(codec.encode((StoredObject) codec.decode(again))).isEqualTo(again);
                }
            }
        }
        assertThat(undecodable).isGreaterThan(0).isLessThan(total);
    }

    @Test
    void fieldOperatorsOnEveryRealKindEitherApplyOrSayWhyNot() {
        Neighbours neighbours = Neighbours.of(StoredSamples.all().values().stream()
                .map(codec::tryDecode).flatMap(java.util.Optional::stream).toList());
        StoredSamples.all().forEach((kind, bytes) -> {
            StoredObject o = codec.tryDecode(bytes).orElseThrow();
            for (String op : List.of("value", "dependency", "bit-flip", "undecodable")) {
                for (long seed = 0; seed < 40; seed++) {
                    try {
                        var m = Faults.operator(op).apply(new OperatorInput(bytes, o, Map.of(), new Random(seed), neighbours));
                        assertThat(Arrays.equals(m.newValue(), bytes)).as(kind + " " + m.description()).isFalse();
                    } catch (NotApplicableException notApplicable) {
                        assertThat(notApplicable.getMessage()).isNotBlank();
                    }
                }
            }
        });
    }

    @Test
    void censusOfARealPodHasEveryEffect() {
        BitFlipCensus.Tally t = new BitFlipCensus().sample(StoredSamples.get("Pod"), 3_000, 1);
        assertThat(t.total()).isEqualTo(3_000);
        assertThat(t.counts()).containsKeys(FlipEffect.ONE_VALUE_CHANGED, FlipEffect.UNDECODABLE, FlipEffect.JSON_UNSERVABLE);
    }
}
