---
name: presentation-summary
stage: PRESENTATION
purpose: COMMERCIAL
category: proposals
subject: "Summary of our ${company} presentation and next steps"
fields: [firstName, company, presentationDate, keyPoints, nextSteps, repName]
required: [firstName, company, repName]
followUpWithin: PT48H      # SOP: summary and next steps within 48 hours of the presentation
description: "Recaps a presentation or demo, what was agreed, and the next steps with owners and dates."
---
<#macro html>
<p>Hi ${firstName},</p>
<p>Thank you for your time<#if presentationDate?has_content> on ${presentationDate}</#if>. Here is a short summary of what we covered, so everyone at ${company} has the same picture.</p>
<#if keyPoints?has_content>
<p><strong>What we covered</strong></p>
<p style="white-space:pre-line;">${keyPoints}</p>
</#if>
<p><strong>Next steps</strong></p>
<#if nextSteps?has_content>
<p style="white-space:pre-line;">${nextSteps}</p>
<#else>
<p>I'll follow up with a proposal based on what you shared. If there is anyone else who should be involved, let me know and I'll include them.</p>
</#if>
<p>If I've missed or misunderstood anything, please reply and I'll correct it.</p>
<p>Best regards,<br>
${repName}<br>
${senderName}</p>
</#macro>

<#macro text>
Hi ${firstName},

Thank you for your time<#if presentationDate?has_content> on ${presentationDate}</#if>. Here is a short summary of what we covered, so everyone at ${company} has the same picture.
<#if keyPoints?has_content>

WHAT WE COVERED
${keyPoints}
</#if>

NEXT STEPS
<#if nextSteps?has_content>
${nextSteps}
<#else>
I'll follow up with a proposal based on what you shared. If there is anyone else who should be involved, let me know and I'll include them.
</#if>

If I've missed or misunderstood anything, please reply and I'll correct it.

Best regards,
${repName}
${senderName}
</#macro>
