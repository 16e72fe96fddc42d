package dev.outreach;

import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.audit.ListLoadChanges;
import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;
import dev.outreach.gateway.ConsentLedger;
import dev.outreach.gateway.SuppressionRegister;
import dev.outreach.store.Store;
import dev.outreach.suppression.LoadedList;
import dev.outreach.suppression.NationalDncLoad;
import dev.outreach.suppression.NationalDncRegistry;
import dev.outreach.suppression.SuppressionLists;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who may be contacted: the suppression list files and the national do-not-call registry (loaded
 * from the lists folder and watched), the runtime suppressions, and the consent ledger. Every list
 * load whose content changed is audited.
 */
public final class ContactPermissions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContactPermissions.class);

    private final GatewayConfig config;
    private final AuditTrail audit;
    private final SuppressionLists lists;
    private final NationalDncRegistry registry;
    private final SuppressionRegister suppressions;
    private final ConsentLedger consents;
    private final ListLoadChanges listLoadChanges;

    ContactPermissions(Foundation base) {
        this.config = base.config();
        this.audit = base.audit();
        Store store = base.store();
        this.lists = new SuppressionLists(base.clock());
        this.listLoadChanges = new ListLoadChanges(store.audit());
        lists.onLoad(this::auditListLoad);
        this.registry = new NationalDncRegistry(base.clock());
        registry.onLoad(this::auditRegistryLoad);
        this.suppressions = new SuppressionRegister(lists, store.suppressions(), base.pseudonyms(), audit, base.clock());
        this.consents = new ConsentLedger(store.consents(), store.suppressions(), suppressions, base.pseudonyms(),
                audit, base.clock());
    }

    public SuppressionLists lists() {
        return lists;
    }

    public NationalDncRegistry registry() {
        return registry;
    }

    public SuppressionRegister suppressions() {
        return suppressions;
    }

    public ConsentLedger consents() {
        return consents;
    }

    /** Reads the suppression lists and the national registry once, without watching them (the CLI's need). */
    void load() {
        lists.load(config.path(ConfigKey.LISTS_DIR));
        registry.load(config.path(ConfigKey.LISTS_DIR).resolve("national-dnc"));
    }

    /** Loads, then watches the lists folder for changes. */
    void start() {
        load();
        lists.start(config.duration(ConfigKey.LISTS_POLL_INTERVAL));
        registry.start(config.duration(ConfigKey.LISTS_POLL_INTERVAL));
    }

    private void auditListLoad(LoadedList list) {
        if (!listLoadChanges.changed(list.name(), list.sha256())) {
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", list.name());
        detail.put("kind", list.kind().name());
        detail.put("status", list.status().name());
        detail.put("entries", list.entries());
        detail.put("rejectedLines", list.rejectedLines());
        detail.put("sha256", list.sha256());
        detail.put("asOf", String.valueOf(list.asOf()));
        audit.recordChange(AuditKind.LIST_LOADED, "system", null, null, null, detail);
    }

    private void auditRegistryLoad(NationalDncLoad load) {
        if (!listLoadChanges.changed("national-dnc", load.sha256())) {
            warnWithoutAsOf(load);
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", "national-dnc");
        detail.put("status", load.status());
        detail.put("numbers", load.numbers());
        detail.put("rejectedLines", load.rejectedLines());
        detail.put("files", load.files());
        detail.put("sha256", load.sha256());
        detail.put("asOf", String.valueOf(load.asOf()));
        audit.recordChange(AuditKind.LIST_LOADED, "system", null, null, null, detail);
        warnWithoutAsOf(load);
    }

    private static void warnWithoutAsOf(NationalDncLoad load) {
        if (load.asOf() == null) {
            LOG.warn("national do-not-call registry has no valid as-of date: telemarketing to NANP numbers is blocked "
                    + "(tcpa.dnc-data-fresh) until one is loaded ({})", load.detail());
        }
    }

    @Override
    public void close() {
        lists.close();
        registry.close();
    }
}
