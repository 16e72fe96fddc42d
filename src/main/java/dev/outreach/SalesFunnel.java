package dev.outreach;

import dev.outreach.gateway.Funnel;
import dev.outreach.gateway.LeadImport;
import dev.outreach.report.ReportSettings;
import dev.outreach.report.Reports;
import dev.outreach.store.Store;
import dev.outreach.template.TemplateCatalog;

/** Leads through the funnel: stages and touches, lead import, and the funnel and compliance reports. */
public record SalesFunnel(Funnel funnel, LeadImport leadImport, Reports reports) {

    static SalesFunnel wire(Foundation base, TemplateCatalog templates) {
        Store store = base.store();
        return new SalesFunnel(new Funnel(store.leads(), store.touches(), base.clock()),
                new LeadImport(store.leads(), base.audit()),
                new Reports(store.leads(), store.touches(), store.audit(), store.deliveryRecords(), templates,
                        ReportSettings.from(base.config()), base.clock()));
    }
}
