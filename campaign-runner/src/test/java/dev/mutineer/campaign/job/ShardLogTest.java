package dev.mutineer.campaign.job;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class ShardLogTest {

    private static final byte[] TAR = "pretend this is a gzipped tar, long enough to wrap a base64 line ..........."
            .getBytes(StandardCharsets.UTF_8);

    private static String block(String slice, String end) {
        return ShardLog.BEGIN + " " + slice + "\n" + Base64.getMimeEncoder(76, "\n".getBytes()).encodeToString(TAR) + "\n"
                + ShardLog.END + " " + end + "\n";
    }

    @Test
    void theResultsBlockIsFoundAfterWhatMutineerPrinted() {
        String log = "mutineer: cluster up\nprogress 3/3\n" + block("2/3", "2/3 exit=6");
        ShardLog s = ShardLog.parse(log).orElseThrow();
        assertThat(s.shard()).isEqualTo(2);
        assertThat(s.shards()).isEqualTo(3);
        assertThat(s.exitCode()).isEqualTo(6);
        assertThat(s.tarGz()).isEqualTo(TAR);
    }

    @Test
    void anUnfinishedOrMismatchedBlockIsNoResult() {
        assertThat(ShardLog.parse("mutineer: cluster up\n")).isEmpty();
        assertThat(ShardLog.parse(ShardLog.BEGIN + " 1/2\nAAAA\n")).isEmpty();
        assertThat(ShardLog.parse(block("1/2", "2/2 exit=0"))).isEmpty();
        assertThat(ShardLog.parse(block("1/2", "1/2 exit=0"))).isPresent();
    }
}
