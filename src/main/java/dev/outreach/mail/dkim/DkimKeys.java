package dev.outreach.mail.dkim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The signing keys of every sender domain.
 *
 * <p>Read from a directory laid out as {@code <dir>/<domain>/<selector>.pem} (what
 * {@code dkim generate} writes), plus keys named in configuration as {@code domain:selector:path}.
 * A domain may have one RSA key and one Ed25519 key; both sign (RFC 8463 §3 recommends signing with
 * both while receivers adopt Ed25519).
 */
public final class DkimKeys {

    private final Map<String, List<DkimSigningKey>> byDomain;

    private DkimKeys(Map<String, List<DkimSigningKey>> byDomain) {
        this.byDomain = byDomain;
    }

    public static DkimKeys none() {
        return new DkimKeys(Map.of());
    }

    public static DkimKeys of(Collection<DkimSigningKey> keys) {
        Map<String, List<DkimSigningKey>> byDomain = new LinkedHashMap<>();
        for (DkimSigningKey key : keys) {
            List<DkimSigningKey> domainKeys = byDomain.computeIfAbsent(key.domain(), d -> new ArrayList<>());
            if (domainKeys.stream().anyMatch(k -> k.algorithm() == key.algorithm())) {
                throw new IllegalArgumentException("domain " + key.domain() + " has two " + key.algorithm().tag()
                        + " DKIM keys; keep one per algorithm");
            }
            domainKeys.add(key);
        }
        byDomain.values().forEach(list -> list.sort((a, b) -> a.algorithm().compareTo(b.algorithm())));
        return new DkimKeys(Map.copyOf(byDomain));
    }

    /**
     * @param directory  {@code <domain>/<selector>.pem} files; may be missing (no keys)
     * @param configured entries {@code domain:selector:path}, comma-separated in configuration
     * @throws IllegalArgumentException naming the file or entry that cannot be used
     */
    public static DkimKeys load(Path directory, List<String> configured) {
        List<DkimSigningKey> keys = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.walk(directory, 2)) {
                files.filter(f -> f.getFileName().toString().endsWith(".pem") && directory.relativize(f).getNameCount() == 2)
                        .sorted()
                        .forEach(f -> keys.add(PemKeyFile.read(f, f.getParent().getFileName().toString(),
                                selectorOf(f))));
            } catch (IOException e) {
                throw new IllegalArgumentException("DKIM key directory " + directory + " cannot be read: "
                        + e.getClass().getSimpleName());
            }
        }
        for (String entry : configured) {
            String[] parts = entry.strip().split(":", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("dkim.keys entry must be domain:selector:path, was '" + entry + "'");
            }
            keys.add(PemKeyFile.read(Path.of(parts[2]), parts[0], parts[1]));
        }
        return of(keys);
    }

    private static String selectorOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".pem".length());
    }

    /**
     * The keys that sign mail From this domain: its own, else those of the nearest parent domain
     * (DMARC relaxed alignment, RFC 7489 §3.1.1, accepts a parent's signature).
     */
    public List<DkimSigningKey> forDomain(String domain) {
        String candidate = domain.toLowerCase(Locale.ROOT);
        while (true) {
            List<DkimSigningKey> keys = byDomain.get(candidate);
            if (keys != null) {
                return keys;
            }
            int dot = candidate.indexOf('.');
            if (dot < 0 || candidate.indexOf('.', dot + 1) < 0) {
                return List.of();
            }
            candidate = candidate.substring(dot + 1);
        }
    }

    public boolean isEmpty() {
        return byDomain.isEmpty();
    }

    /**
     * Generates a key and writes it to {@code <directory>/<domain>/<selector>.pem}: RSA 2048 bits
     * (RFC 8301 §3.2 "at least 1024 bits, 2048 recommended") or Ed25519 (RFC 8463).
     *
     * @throws IllegalArgumentException when that file exists already (a published key is never overwritten)
     */
    public static DkimSigningKey generate(Path directory, String domain, String selector, DkimAlgorithm algorithm)
            throws IOException {
        String checkedDomain = DkimSigningKey.checkedName("domain", domain).toLowerCase(Locale.ROOT);
        Path file = directory.resolve(checkedDomain).resolve(DkimSigningKey.checkedName("selector", selector) + ".pem");
        if (Files.exists(file)) {
            throw new IllegalArgumentException(file + " exists already; choose a new selector to rotate keys");
        }
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaKeyAlgorithm());
            if (algorithm == DkimAlgorithm.RSA_SHA256) {
                generator.initialize(2048);
            }
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.tag() + " key generation unavailable", e);
        }
        PemKeyFile.write(file, pair.getPrivate(), pair.getPublic());
        return new DkimSigningKey(checkedDomain, selector, pair.getPrivate(), pair.getPublic());
    }
}
