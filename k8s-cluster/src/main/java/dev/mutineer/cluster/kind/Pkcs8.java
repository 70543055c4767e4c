package dev.mutineer.cluster.kind;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kubeadm writes RSA keys as PKCS#1 ("BEGIN RSA PRIVATE KEY"); Netty, under jetcd, reads only
 * PKCS#8 unless BouncyCastle happens to be on the classpath. Rewrapping the key when it is
 * copied out of the node makes the etcd TLS client independent of that accident.
 */
final class Pkcs8 {

    private static final Pattern PKCS1 = Pattern.compile(
            "-----BEGIN RSA PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END RSA PRIVATE KEY-----");
    /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private Pkcs8() {
    }

    /** The key as PKCS#8 PEM: an RSA PKCS#1 key is rewrapped, anything else is returned unchanged. */
    static String fromPem(String pem) {
        Matcher m = PKCS1.matcher(pem);
        if (!m.find()) {
            return pem;
        }
        byte[] pkcs1 = Base64.getMimeDecoder().decode(m.group(1).strip());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(VERSION_0);
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(tlv(0x04, pkcs1));
        byte[] der = tlv(0x30, body.toByteArray());
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** DER tag, definite length, value. */
    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(len) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(len >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
