package dev.mutineer.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Converts a command-line argument to a path, refusing one no file can have (a NUL) in words, not Java's. */
final class FilePaths implements ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new TypeConversionException("'" + value.replace('\0', '?') + "' holds a NUL character, which no file name can");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("'" + value + "' is not a file path: " + e.getReason());
        }
    }
}
