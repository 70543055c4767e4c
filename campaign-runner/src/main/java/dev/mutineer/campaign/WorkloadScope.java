package dev.mutineer.campaign;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a campaign may read its workload from: its own directory tree, unless the user allows more
 * ({@code --allow-outside}). A campaign file from elsewhere (a colleague's, a downloaded example) then cannot
 * make mutineer read, parse and quote {@code /etc/shadow} or {@code ~/.kube/config} by naming it as a manifest.
 */
public enum WorkloadScope {
    /** Absolute paths, {@code ..} escapes and symbolic links resolving outside the campaign's directory are refused. */
    CAMPAIGN_TREE,
    /** Any path the user can read ({@code --allow-outside}). */
    ANYWHERE;

    /**
     * Why {@code entry} (as written in the campaign) may not be read, or empty when it may. Checked before the path is
     * looked at, so the refusal says nothing of what lies outside; {@code resolved} is the entry against the
     * campaign's directory, lexically normalised; an entry that does not exist is left to the caller.
     */
    public Optional<String> refusal(Path campaignDir, String entry, Path resolved) {
        if (this == ANYWHERE) {
            return Optional.empty();
        }
        Path written = Path.of(entry);
        if (written.isAbsolute()) {
            return Optional.of("'" + entry + "' is an absolute path; workload paths are read inside the campaign's "
                    + "directory (" + campaignDir + ")" + HINT);
        }
        if (!resolved.startsWith(campaignDir)) {
            return Optional.of("'" + entry + "' leaves the campaign's directory (" + campaignDir + ") through '..'" + HINT);
        }
        return Optional.empty();
    }

    /**
     * Why a file or directory of the workload, once it exists, may not be read: a symbolic link on its way that resolves
     * outside the campaign's directory. {@code file} is {@code resolved} or, for a directory entry, one of its files.
     * Empty when it may be read (or when it does not exist, for the caller to report).
     */
    public Optional<String> linkRefusal(Path campaignDir, String entry, Path resolved, Path file) {
        if (this == ANYWHERE) {
            return Optional.empty();
        }
        try {
            Path real = file.toRealPath();
            Path realDir = campaignDir.toRealPath();
            if (!real.startsWith(realDir)) {
                return Optional.of("'" + entry + "'" + (file.equals(resolved) ? "" : " (its " + file.getFileName() + ")")
                        + " is reached through a symbolic link that resolves outside the campaign's directory, to "
                        + real + HINT);
            }
        } catch (IOException e) {
            return Optional.empty(); // gone or unreadable: the reading reports it
        }
        return Optional.empty();
    }

    private static final String HINT = "; pass --allow-outside to read it anyway";
}
