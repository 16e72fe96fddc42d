---
name: engagement-resources
stage: ENGAGEMENT
purpose: COMMERCIAL
category: resources
subject: "A resource on ${topic} you may find useful"
fields: [firstName, company, topic, resourceTitle, resourceUrl, note, repName]
required: [firstName, topic, resourceTitle, resourceUrl, repName]
description: "Shares one resource (guide, case study, webinar) matched to what the lead is interested in."
---
<#macro html>
<p>Hi ${firstName},</p>
<p>Given your interest in ${topic}, I thought this would be worth your time:</p>
<p><a href="${resourceUrl}" style="font-weight:bold;">${resourceTitle}</a></p>
<#if note?has_content>
<p style="white-space:pre-line;">${note}</p>
</#if>
<p>If you'd like, I can walk you through how this applies to <#if company?has_content>${company}<#else>your team</#if> &mdash; just reply and we'll find a time.</p>
<p>Best regards,<br>
${repName}<br>
${senderName}</p>
</#macro>

<#macro text>
Hi ${firstName},

Given your interest in ${topic}, I thought this would be worth your time:

${resourceTitle}
${resourceUrl}
<#if note?has_content>

${note}
</#if>

If you'd like, I can walk you through how this applies to <#if company?has_content>${company}<#else>your team</#if> - just reply and we'll find a time.

Best regards,
${repName}
${senderName}
</#macro>
