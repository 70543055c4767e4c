package dev.mutineer.injector.operator;

import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.injector.testing.Fixtures;
import io.kubernetes.client.proto.V1;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class StableDrawTest {

    private final StorageCodec codec = new StorageCodec();

    @Test
    void candidatesAddedElsewhereDoNotMoveTheChoice() {
        List<String> few = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        List<String> more = new ArrayList<>(few);
        more.add(3, "x");
        more.add("y");
        int kept = 0;
        for (long salt = 0; salt < 1000; salt++) {
            String fromMore = StableDraw.pick(more, s -> s, s -> 1, salt);
            if (few.contains(fromMore)) {
                assertThat(StableDraw.pick(few, s -> s, s -> 1, salt)).as("salt " + salt).isEqualTo(fromMore);
                kept++;
            }
        }
        assertThat(kept).as("x and y win about 2 in 12 draws").isBetween(780, 880);
    }

    @Test
    void aCandidateWinsInProportionToItsWeight() {
        int heavy = 0;
        int draws = 20_000;
        for (long salt = 0; salt < draws; salt++) {
            if (StableDraw.pick(List.of("light", "heavy"), s -> s, s -> s.equals("heavy") ? 3 : 1, salt).equals("heavy")) {
                heavy++;
            }
        }
        assertThat(heavy / (double) draws).isBetween(0.74, 0.76);
    }

    @Test
    void bitFlipSegmentsCoverTheValueInOrder() {
        byte[] value = Fixtures.storedPod("web-1", "node-1");
        List<BitFlipOperator.Segment> segments = BitFlipOperator.segments(value, decode(value));
        int at = 0;
        for (BitFlipOperator.Segment s : segments) {
            assertThat(s.offset()).as(s.name()).isEqualTo(at);
            assertThat(s.length()).as(s.name()).isPositive();
            at += s.length();
        }
        assertThat(at).isEqualTo(value.length);
        assertThat(segments).extracting(BitFlipOperator.Segment::name).contains("spec.nodeName", "status.podIP", "metadata.uid");
    }

    @Test
    void aSeededBlindBitFlipHitsTheSameFieldOnAnotherCopyOfTheObject() {
        byte[] here = Fixtures.storedPod("web-1", "node-1");
        // the same pod as another cluster holds it: another generated name and another IP, so every later byte moves
        V1.Pod other = Fixtures.pod("web-7d9f8b6c5d-x2k9q", "node-1").toBuilder()
                .setStatus(Fixtures.pod("web-1", "node-1").getStatus().toBuilder().setPodIP("10.244.12.135")).build();
        byte[] there = Fixtures.envelope("v1", "Pod", other);
        int same = 0;
        int seeds = 500;
        List<String> moved = new ArrayList<>();
        for (long seed = 0; seed < seeds; seed++) {
            String a = landing(here, seed);
            String b = landing(there, seed);
            if (a.equals(b)) {
                same++;
            } else {
                moved.add(a + " / " + b);
            }
        }
        // a draw moves only into or inside a field whose length differs between the copies: 15 of this pod's
        // 400 bytes are added to metadata.name and 3 to status.podIP, so about 5% of the draws may move
        assertThat(moved).allSatisfy(m -> assertThat(m).containsAnyOf("metadata.name+", "status.podIP+"));
        assertThat(same / (double) seeds).as(moved.toString()).isGreaterThan(0.9);
    }

    /** The segment a seeded flip lands in, and the byte's place in it. */
    private String landing(byte[] value, long seed) {
        StoredObject object = decode(value);
        int at = BitFlipOperator.drawByte(value, object, new Random(seed));
        BitFlipOperator.Segment s = BitFlipOperator.segments(value, object).stream()
                .filter(x -> x.offset() <= at && at < x.offset() + x.length()).findFirst().orElseThrow();
        return s.name() + "+" + (at - s.offset());
    }

    @Test
    void aSeededValueChangePicksTheSameFieldWhenTheOtherCopyHasMoreFields() {
        byte[] here = Fixtures.storedPod("web-1", "node-1");
        V1.Pod pod = Fixtures.pod("web-1", "node-1");
        V1.Pod labelled = pod.toBuilder().setMetadata(pod.getMetadata().toBuilder().putLabels("extra", "label")).build();
        byte[] there = Fixtures.envelope("v1", "Pod", labelled);
        for (long seed = 0; seed < 200; seed++) {
            Mutation b = Faults.operator("value").apply(new OperatorInput(there, decode(there), Map.of(), new Random(seed), Neighbours.of(List.of())));
            if (!b.fieldPath().startsWith("metadata.labels")) {
                Mutation a = Faults.operator("value").apply(new OperatorInput(here, decode(here), Map.of(), new Random(seed), Neighbours.of(List.of())));
                assertThat(a.fieldPath()).as("seed " + seed).isEqualTo(b.fieldPath());
            }
        }
    }

    private StoredObject decode(byte[] value) {
        return codec.tryDecode(value).orElseThrow();
    }
}
