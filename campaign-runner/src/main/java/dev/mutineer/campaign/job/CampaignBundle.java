package dev.mutineer.campaign.job;

import dev.mutineer.campaign.Campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The campaign file and the manifests it applies, as paths relative to the campaign file's directory: what a
 * ConfigMap carries into every shard's pod, laid out there as here, so the pod's campaign applies the same bytes
 * (and {@code merge} finds one fingerprint across the shards).
 *
 * @param campaignPath the campaign file's path, relative (its file name)
 * @param files        every file, the campaign file first, each with its relative path and text
 */
public record CampaignBundle(String campaignPath, List<BundleFile> files) {

    /** A ConfigMap holds at most 1 MiB (etcd's request limit); the keys and the object's own fields need some of it. */
    static final int MAX_BYTES = 1_000_000;

    public record BundleFile(String path, String content) {
    }

    public CampaignBundle {
        files = List.copyOf(files);
        Set<String> paths = new LinkedHashSet<>();
        int bytes = 0;
        for (BundleFile f : files) {
            if (f.path().isEmpty() || f.path().startsWith("/") || List.of(f.path().split("/")).contains("..")) {
                throw new IllegalArgumentException("workload manifest " + f.path() + " is outside the campaign file's "
                        + "directory tree; distribute ships that tree only: move the manifest below the campaign file");
            }
            if (!paths.add(f.path())) {
                throw new IllegalArgumentException("file " + f.path() + " appears twice in the campaign's bundle");
            }
            bytes += f.content().getBytes(StandardCharsets.UTF_8).length;
        }
        if (files.isEmpty() || !files.get(0).path().equals(campaignPath)) {
            throw new IllegalArgumentException("the bundle's first file must be the campaign file " + campaignPath);
        }
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("the campaign file and its manifests take " + bytes + " bytes; a ConfigMap "
                    + "holds at most " + MAX_BYTES + ": split the workload or ship it in the image");
        }
    }

    /** Reads the files of a loaded (hence valid) campaign. */
    public static CampaignBundle of(Campaign campaign) {
        Path root = campaign.file().toAbsolutePath().normalize().getParent();
        List<BundleFile> files = new ArrayList<>();
        String campaignPath = campaign.file().getFileName().toString();
        files.add(new BundleFile(campaignPath, read(campaign.file())));
        for (Path m : campaign.manifestFiles()) {
            String rel = root.relativize(m.toAbsolutePath().normalize()).toString().replace('\\', '/');
            files.add(new BundleFile(rel, read(m)));
        }
        return new CampaignBundle(campaignPath, files);
    }

    /** The ConfigMap key of file {@code i}: keys allow no '/', so the index keeps them apart and the name stays legible. */
    static String key(int i, BundleFile f) {
        String name = f.path().substring(f.path().lastIndexOf('/') + 1).replaceAll("[^-._a-zA-Z0-9]", "_");
        return "f" + i + "-" + name;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
