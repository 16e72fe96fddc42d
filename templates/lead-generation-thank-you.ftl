---
name: lead-generation-thank-you
stage: LEAD_GENERATION
purpose: COMMERCIAL
category: introductions
subject: "Thank you for your interest in ${senderName}"
fields: [firstName, company, interest, repName, repTitle]
required: [firstName, repName]
followUpWithin: PT24H      # SOP: personalised thank-you within 24 hours of first contact
description: "First reply to a new lead: thanks them, introduces the rep as their contact and sets up the next step."
---
<#macro html>
<p>Hi ${firstName},</p>
<p>Thank you for your interest<#if interest?has_content> in ${interest}</#if>. I'm ${repName}<#if repTitle?has_content>, ${repTitle}</#if> at ${senderName}, and I'll be your point of contact from here on.</p>
<p>I'd like to understand what <#if company?has_content>${company} is<#else>you are</#if> looking to achieve, so that what I send you next is actually useful. I'll be in touch shortly to suggest a time to talk.</p>
<p>If you have a question in the meantime, just reply to this email.</p>
<p>Best regards,<br>
${repName}<br>
${senderName}</p>
</#macro>

<#macro text>
Hi ${firstName},

Thank you for your interest<#if interest?has_content> in ${interest}</#if>. I'm ${repName}<#if repTitle?has_content>, ${repTitle}</#if> at ${senderName}, and I'll be your point of contact from here on.

I'd like to understand what <#if company?has_content>${company} is<#else>you are</#if> looking to achieve, so that what I send you next is actually useful. I'll be in touch shortly to suggest a time to talk.

If you have a question in the meantime, just reply to this email.

Best regards,
${repName}
${senderName}
</#macro>
