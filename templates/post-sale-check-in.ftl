---
name: post-sale-check-in
stage: POST_SALE
purpose: COMMERCIAL       # asks about further needs and referrals, so it is not transactional
category: customer-care
subject: "How is everything going with ${productName}, ${firstName}?"
fields: [firstName, company, productName, feedbackUrl, repName]
required: [firstName, productName, repName]
description: "Checks satisfaction after delivery, asks about further needs and invites referrals."
---
<#macro html>
<p>Hi ${firstName},</p>
<p>It's been a little while since <#if company?has_content>${company}<#else>you</#if> started with ${productName}, and I wanted to make sure everything is working as you expected.</p>
<p>If anything isn't quite right, reply and tell me &mdash; I'll make sure it gets sorted out.<#if feedbackUrl?has_content> You can also share your feedback here: <a href="${feedbackUrl}">${feedbackUrl}</a></#if></p>
<p>As your needs change, I'm happy to talk about what else would help, whether that's additional users, services or training.</p>
<p>And if you know someone who could benefit from ${productName}, I'd be grateful for an introduction.</p>
<p>Best regards,<br>
${repName}<br>
${senderName}</p>
</#macro>

<#macro text>
Hi ${firstName},

It's been a little while since <#if company?has_content>${company}<#else>you</#if> started with ${productName}, and I wanted to make sure everything is working as you expected.

If anything isn't quite right, reply and tell me - I'll make sure it gets sorted out.<#if feedbackUrl?has_content> You can also share your feedback here: ${feedbackUrl}</#if>

As your needs change, I'm happy to talk about what else would help, whether that's additional users, services or training.

And if you know someone who could benefit from ${productName}, I'd be grateful for an introduction.

Best regards,
${repName}
${senderName}
</#macro>
