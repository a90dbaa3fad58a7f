package dev.csatkit.channel;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys in use for email links: one signs new links, every key in the ring verifies.
 *
 * <p>To rotate: add the new key as {@code alsoAccepted}, deploy everywhere, make it the signing
 * key and keep the old one accepted until the last link signed with it has expired; then drop
 * it. A link signed with a dropped key is refused as
 * {@link LinkVerification.Reason#UNKNOWN_KEY}.
 */
public final class LinkKeyRing {

    private final LinkKey signing;
    private final Map<String, LinkKey> byId;

    private LinkKeyRing(LinkKey signing, Map<String, LinkKey> byId) {
        this.signing = signing;
        this.byId = byId;
    }

    /**
     * @param signing the key that signs new links; it also verifies
     * @param alsoAccepted older (or upcoming) keys that still verify
     * @return the ring
     * @throws InvalidConfigurationException when two keys share an id
     */
    public static LinkKeyRing of(LinkKey signing, LinkKey... alsoAccepted) {
        return of(signing, List.of(alsoAccepted));
    }

    /**
     * @param signing the key that signs new links; it also verifies
     * @param alsoAccepted older (or upcoming) keys that still verify
     * @return the ring
     * @throws InvalidConfigurationException when two keys share an id
     */
    public static LinkKeyRing of(LinkKey signing, List<LinkKey> alsoAccepted) {
        Map<String, LinkKey> byId = new LinkedHashMap<>();
        byId.put(signing.id(), signing);
        for (LinkKey k : alsoAccepted) {
            if (byId.putIfAbsent(k.id(), k) != null) {
                throw new InvalidConfigurationException(Violation.of("linkKeys", k.id(),
                        "key id is used by two keys; every key needs its own id"));
            }
        }
        return new LinkKeyRing(signing, Collections.unmodifiableMap(byId));
    }

    /** @return the key that signs new links */
    public LinkKey signing() {
        return signing;
    }

    /**
     * @param id a key id from a token
     * @return the key with that id, if the ring holds it
     */
    public Optional<LinkKey> key(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** @return the ids of every key that verifies, signing key first */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
