package dev.mutineer.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Maven project version, filtered into mutineer-version.properties at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {

    static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/mutineer-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": a version line is not worth failing a command for
        }
        String v = p.getProperty("version", "unknown");
        return v.startsWith("${") ? "unknown (unfiltered build)" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[]{
                "mutineer " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        };
    }
}
