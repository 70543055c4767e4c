package dev.mutineer.injector.inflight;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Passes gRPC messages through as the bytes on the wire: the interposer parses only what a rule
 * needs. Each message is copied once on the way in and once on the way out (gRPC's framer drains
 * the array straight into its buffer).
 */
final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {

    static final RawBytes INSTANCE = new RawBytes();

    private RawBytes() {
    }

    @Override
    public InputStream stream(byte[] value) {
        return new Message(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
        try (stream) {
            if (stream instanceof KnownLength) {
                // gRPC hands over a whole, already received message: read it in one go.
                byte[] out = new byte[stream.available()];
                int n = stream.readNBytes(out, 0, out.length);
                if (n == out.length && stream.read() == -1) {
                    return out;
                }
                throw new IOException("gRPC message shorter or longer than announced (" + out.length + " bytes)");
            }
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a gRPC message", e);
        }
    }

    /** The message bytes, with their length known and drainable in one write. */
    private static final class Message extends ByteArrayInputStream implements KnownLength, Drainable {
        Message(byte[] bytes) {
            super(bytes);
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int n = count - pos;
            target.write(buf, pos, n);
            pos = count;
            return n;
        }
    }
}
