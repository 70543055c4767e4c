package dev.mutineer.cluster.kind;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class Pkcs8Test {

    @Test
    void rsaPkcs1KeyBecomesTheSameKeyInPkcs8() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) gen.generateKeyPair().getPrivate();
        String pkcs1Pem = "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs1(key))
                + "\n-----END RSA PRIVATE KEY-----\n";

        String pkcs8Pem = Pkcs8.fromPem(pkcs1Pem);

        assertThat(pkcs8Pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        String body = pkcs8Pem.replaceAll("-----[A-Z ]+-----", "");
        PrivateKey parsed = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body.strip())));
        assertThat(parsed.getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void pkcs8AndOtherPemIsLeftAlone() {
        String pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        assertThat(Pkcs8.fromPem(pem)).isSameAs(pem);
        String ec = "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n";
        assertThat(Pkcs8.fromPem(ec)).isSameAs(ec);
    }

    @Test
    void longLengthsUseTheMultiByteForm() {
        assertThat(Pkcs8.tlv(0x04, new byte[5])).startsWith(0x04, 5);
        assertThat(Pkcs8.tlv(0x04, new byte[200])).startsWith(0x04, 0x81, 200);
        assertThat(Pkcs8.tlv(0x04, new byte[1200])).startsWith(0x04, 0x82, 0x04, (byte) 0xb0);
    }

    /** RSAPrivateKey (RFC 8017 A.1.2), as kubeadm writes it. */
    private static byte[] pkcs1(RSAPrivateCrtKey k) {
        ByteArrayOutputStream seq = new ByteArrayOutputStream();
        for (BigInteger i : new BigInteger[]{BigInteger.ZERO, k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient()}) {
            seq.writeBytes(Pkcs8.tlv(0x02, i.toByteArray()));
        }
        return Pkcs8.tlv(0x30, seq.toByteArray());
    }
}
