package dev.mutineer.campaign.shard;

import dev.mutineer.campaign.Campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What makes two shards parts of one campaign: SHA-256 over the campaign file's bytes (its seed among them) and
 * the bytes of every manifest it applies, in order. Paths stay out, so the same files checked out at other places
 * on other machines give the same fingerprint; any edit to the file or a manifest gives another.
 */
public final class CampaignFingerprint {

    private CampaignFingerprint() {
    }

    public static String of(Campaign campaign) {
        List<Path> files = new ArrayList<>();
        files.add(campaign.file());
        files.addAll(campaign.manifestFiles());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                byte[] content = Files.readAllBytes(f);
                // The length first: moving bytes from one file's end to the next file's start changes the hash.
                sha.update(ByteBuffer.allocate(Long.BYTES).putLong(content.length).array());
                sha.update(content);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + e.getMessage() + " to fingerprint the campaign", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
