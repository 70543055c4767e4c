package dev.mutineer.injector.inflight;

import io.grpc.MethodDescriptor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Passes gRPC messages through as the bytes on the wire: the interposer parses only what a rule needs. */
final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {

    static final RawBytes INSTANCE = new RawBytes();

    private RawBytes() {
    }

    @Override
    public InputStream stream(byte[] value) {
        return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a gRPC message", e);
        }
    }
}
