package dev.mutineer.campaign.job.image;

import java.nio.file.Path;

/** One entry of the image's file system: a directory, a file from the host or from bytes, or a symbolic link. */
sealed interface ImageEntry {

    record Directory(int mode) implements ImageEntry {
    }

    record HostFile(Path source, int mode) implements ImageEntry {
    }

    record Text(String content, int mode) implements ImageEntry {
    }

    record Link(String target) implements ImageEntry {
    }
}
