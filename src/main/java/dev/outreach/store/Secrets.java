package dev.outreach.store;

import java.util.function.Supplier;

/**
 * Named secrets shared by every gateway instance on the same database (pseudonym key, token
 * signing key). The first instance to ask creates the value.
 */
public interface Secrets {

    byte[] getOrCreate(String name, Supplier<byte[]> generator);
}
