package dev.outreach.lead;

/** How the lead came to us; INQUIRY and WEB_FORM start a TCPA inquiry relationship. */
public enum LeadSource { INQUIRY, WEB_FORM, EVENT, REFERRAL, PURCHASED_LIST, OTHER }
