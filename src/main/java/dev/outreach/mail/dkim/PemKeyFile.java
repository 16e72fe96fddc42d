package dev.outreach.mail.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DKIM key file: an RFC 7468 §10 {@code PRIVATE KEY} block (PKCS#8, what {@code openssl genpkey}
 * writes) and optionally an RFC 7468 §13 {@code PUBLIC KEY} block. The public block is needed for
 * Ed25519 only, whose public key the JDK cannot derive from the private one; an RSA public key is
 * derived from the CRT parameters.
 */
final class PemKeyFile {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private PemKeyFile() {
    }

    /**
     * @throws IllegalArgumentException naming the file (never its content) when it holds no usable key
     */
    static DkimSigningKey read(Path file, String domain, String selector) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("DKIM key file " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
        byte[] privateDer = null;
        byte[] publicDer = null;
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "PRIVATE KEY" -> privateDer = der;
                case "PUBLIC KEY" -> publicDer = der;
                default -> throw new IllegalArgumentException("DKIM key file " + file + " has a " + m.group(1)
                        + " block; expected PKCS#8 'PRIVATE KEY' (openssl genpkey)");
            }
        }
        if (privateDer == null) {
            throw new IllegalArgumentException("DKIM key file " + file + " has no PKCS#8 PRIVATE KEY block");
        }
        try {
            PrivateKey privateKey = privateKey(privateDer);
            PublicKey publicKey = publicDer != null
                    ? KeyFactory.getInstance(DkimAlgorithm.forKey(privateKey).jcaKeyAlgorithm())
                            .generatePublic(new X509EncodedKeySpec(publicDer))
                    : derivedPublicKey(privateKey);
            return new DkimSigningKey(domain, selector, privateKey, publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("DKIM key file " + file + " holds no RSA or Ed25519 key: "
                    + e.getClass().getSimpleName());
        }
    }

    private static PrivateKey privateKey(byte[] der) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }

    private static PublicKey derivedPublicKey(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(),
                    rsa.getPublicExponent()));
        }
        return null;
    }

    /** Writes both blocks to a new file readable by its owner only; refuses to overwrite a key. */
    static void write(Path file, PrivateKey privateKey, PublicKey publicKey) throws IOException {
        Files.createDirectories(file.getParent());
        String text = block("PRIVATE KEY", privateKey.getEncoded()) + block("PUBLIC KEY", publicKey.getEncoded());
        // Created owner-only before the key is written, so it is never readable by others, not even briefly.
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file); // Windows: the directory's ACL applies
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    }

    private static String block(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
