---
name: lead-qualification-schedule-call
stage: LEAD_QUALIFICATION
purpose: COMMERCIAL
category: meeting-requests
subject: "Could we find 30 minutes to talk, ${firstName}?"
fields: [firstName, company, proposedTimes, schedulingLink, repName]
required: [firstName, repName]
description: "Asks a lead for a short call or meeting to understand their needs, budget and timeline."
---
<#macro html>
<p>Hi ${firstName},</p>
<p>To make sure we focus on what matters to <#if company?has_content>${company}<#else>you</#if>, I'd like to set up a 30-minute call. I'd like to hear about your goals, how you handle this today, and your timeline, and then tell you honestly whether we're a good fit.</p>
<#if proposedTimes?has_content>
<p>Would one of these times work for you?<br>
<span style="white-space:pre-line;">${proposedTimes}</span></p>
</#if>
<#if schedulingLink?has_content>
<p>If it's easier, pick a time that suits you here: <a href="${schedulingLink}">${schedulingLink}</a></p>
</#if>
<p>If a call isn't convenient, a quick reply with a few lines about what you need works too.</p>
<p>Best regards,<br>
${repName}<br>
${senderName}</p>
</#macro>

<#macro text>
Hi ${firstName},

To make sure we focus on what matters to <#if company?has_content>${company}<#else>you</#if>, I'd like to set up a 30-minute call. I'd like to hear about your goals, how you handle this today, and your timeline, and then tell you honestly whether we're a good fit.
<#if proposedTimes?has_content>

Would one of these times work for you?
${proposedTimes}
</#if>
<#if schedulingLink?has_content>

If it's easier, pick a time that suits you here: ${schedulingLink}
</#if>

If a call isn't convenient, a quick reply with a few lines about what you need works too.

Best regards,
${repName}
${senderName}
</#macro>
