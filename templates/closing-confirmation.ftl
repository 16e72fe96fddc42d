---
name: closing-confirmation
stage: CLOSING
purpose: TRANSACTIONAL    # confirms an agreed transaction: 15 USC 7702(17)(A)(i); keep subject and opening free of promotion
category: orders
subject: "Order confirmation ${orderReference}: purchase details and next steps"
fields: [firstName, company, orderReference, purchaseSummary, startDate, onboardingContact, supportContact, repName]
required: [firstName, orderReference, purchaseSummary, repName]
description: "Confirms the agreed purchase, delivery or start date, onboarding and support. Transactional: no promotion."
---
<#macro html>
<p>Hi ${firstName},</p>
<p>This email confirms the details of your purchase<#if company?has_content> for ${company}</#if>, order reference <strong>${orderReference}</strong>.</p>
<p><strong>What you have purchased</strong></p>
<p style="white-space:pre-line;">${purchaseSummary}</p>
<p><strong>Delivery and next steps</strong></p>
<ul>
<#if startDate?has_content>
<li>Delivery or service start date: ${startDate}</li>
</#if>
<li>Onboarding: <#if onboardingContact?has_content>${onboardingContact} will contact you to schedule it.<#else>we will contact you shortly to schedule it.</#if></li>
<li>Support: <#if supportContact?has_content>${supportContact}<#else>reply to this email or write to ${senderEmail}</#if>.</li>
</ul>
<p>Please check these details and reply if anything is not as agreed.</p>
<p>Kind regards,<br>
${repName}<br>
${senderName}</p>
</#macro>

<#macro text>
Hi ${firstName},

This email confirms the details of your purchase<#if company?has_content> for ${company}</#if>, order reference ${orderReference}.

WHAT YOU HAVE PURCHASED
${purchaseSummary}

DELIVERY AND NEXT STEPS
<#if startDate?has_content>
- Delivery or service start date: ${startDate}
</#if>
- Onboarding: <#if onboardingContact?has_content>${onboardingContact} will contact you to schedule it.<#else>we will contact you shortly to schedule it.</#if>
- Support: <#if supportContact?has_content>${supportContact}<#else>reply to this email or write to ${senderEmail}</#if>.

Please check these details and reply if anything is not as agreed.

Kind regards,
${repName}
${senderName}
</#macro>
