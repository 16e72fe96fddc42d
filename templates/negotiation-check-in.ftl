---
name: negotiation-check-in
stage: NEGOTIATION
purpose: COMMERCIAL
category: proposals
subject: "Checking in on our proposal for ${company}"
fields: [firstName, company, proposalName, concerns, repName]
required: [firstName, company, repName]
description: "Checks in during negotiation to surface open concerns and offer to adjust the proposal."
---
<#macro html>
<p>Hi ${firstName},</p>
<p>I wanted to check in on <#if proposalName?has_content>${proposalName}<#else>the proposal we sent</#if> and see where things stand on your side.</p>
<#if concerns?has_content>
<p>You mentioned some concerns about ${concerns}. I've given them some thought, and I'm confident we can find an arrangement that works for ${company}; I'd welcome the chance to go through the options with you.</p>
<#else>
<p>If anything doesn't fit &mdash; scope, pricing, timing or terms &mdash; I'd rather hear it now, so we can adjust the proposal to what ${company} actually needs.</p>
</#if>
<p>Would a 20-minute call this week help? Or reply with your questions and I'll answer them in writing.</p>
<p>Best regards,<br>
${repName}<br>
${senderName}</p>
</#macro>

<#macro text>
Hi ${firstName},

I wanted to check in on <#if proposalName?has_content>${proposalName}<#else>the proposal we sent</#if> and see where things stand on your side.

<#if concerns?has_content>
You mentioned some concerns about ${concerns}. I've given them some thought, and I'm confident we can find an arrangement that works for ${company}; I'd welcome the chance to go through the options with you.
<#else>
If anything doesn't fit - scope, pricing, timing or terms - I'd rather hear it now, so we can adjust the proposal to what ${company} actually needs.
</#if>

Would a 20-minute call this week help? Or reply with your questions and I'll answer them in writing.

Best regards,
${repName}
${senderName}
</#macro>
