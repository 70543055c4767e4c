package dev.mutineer.cluster.netns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure parts of a cluster's network namespace: its name, set-up script and nsenter command lines. */
class NetworkNamespaceTest {

    @Test
    void setUpGivesTheBridgeTheNodeIpsAndRoutesTheServiceCidrToIt() {
        String script = NetworkNamespace.setupScript(List.of("10.200.0.1", "10.200.0.2"), "10.96.0.0/16");
        assertThat(script.lines()).containsSubsequence(
                "ip link set lo up",
                "sysctl -qw net.ipv4.ip_forward=1",
                "ip link add mutineer0 type bridge",
                "ip link set mutineer0 up",
                "ip addr add 10.200.0.1/32 dev mutineer0",
                "ip addr add 10.200.0.2/32 dev mutineer0",
                "ip route add 10.96.0.0/16 dev mutineer0");
        assertThat(script).contains("bridge-nf-call-iptables=1").doesNotContain("veth").doesNotContain("netns exec");
        assertThat(script.lines().findFirst()).hasValue("set -e");
    }

    @Test
    void commandsEnterTheNamespaceWithNsenterNotIpNetnsExec() {
        assertThat(NetworkNamespace.enter("mutineer-abc", List.of("kubelet", "--v=1")))
                .containsExactly("nsenter", "--net=/var/run/netns/mutineer-abc", "kubelet", "--v=1");
    }

    @Test
    void namesAreMutineerPrefixedAndRefuseShellCharacters() {
        assertThat(NetworkNamespace.name("c1a2")).isEqualTo("mutineer-c1a2");
        assertThatThrownBy(() -> NetworkNamespace.name("x; rm -rf /")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkNamespace.setupScript(List.of("10.0.0.1/24"), "10.96.0.0/16"))
                .hasMessageContaining("not an IPv4 address");
    }

    @Test
    void theForwarderListensOnTheUnixSocketAndForksPerClient() {
        assertThat(NamespacePort.forwarderCommand(java.nio.file.Path.of("/w/ports/api.sock"), "127.0.0.1", 6443))
                .containsExactly("socat", "UNIX-LISTEN:/w/ports/api.sock,fork,unlink-early,unlink-close", "TCP:127.0.0.1:6443,nodelay");
    }
}
