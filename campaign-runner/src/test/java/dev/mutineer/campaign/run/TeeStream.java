package dev.mutineer.campaign.run;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/** Progress lines to the test's output and to a buffer the test reads. */
final class TeeStream extends OutputStream {
    private final ByteArrayOutputStream copy;

    TeeStream(ByteArrayOutputStream copy) {
        this.copy = copy;
    }

    @Override
    public synchronized void write(int b) {
        copy.write(b);
        System.out.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        copy.write(b, off, len);
        System.out.write(b, off, len);
    }
}
