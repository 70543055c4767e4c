package dev.mutineer.cluster.local;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {

    @Test
    void aClustersPortsAreDistinctWhileHeldAndHandedBackAfter() {
        int before = Ports.handedOut();
        ComponentPorts a = ComponentPorts.allocate();
        ComponentPorts b = ComponentPorts.allocate();
        Set<Integer> distinct = new HashSet<>(a.all());
        distinct.addAll(b.all());
        assertThat(distinct).hasSize(12);
        assertThat(Ports.handedOut()).isEqualTo(before + 12);

        a.release();
        b.release();

        assertThat(Ports.handedOut()).isEqualTo(before);
    }
}
