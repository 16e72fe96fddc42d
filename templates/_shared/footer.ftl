<#--
  The footer of every message. CAN-SPAM asks three things of a COMMERCIAL message: identify it as an
  advertisement (15 USC 7704(a)(5)(A)(i)), offer an opt-out (7704(a)(3)) and give the sender's postal
  address (7704(a)(5)(A)(iii)). unsubscribeUrl is present exactly when the message is COMMERCIAL, so
  the ad line and the opt-out appear only there. Lint checks that every COMMERCIAL template ends up
  with the link and the address in both parts.
-->
<#macro html>
<hr style="border:none;border-top:1px solid #dddddd;margin:32px 0 16px;">
<p style="margin:0 0 8px;font-size:12px;line-height:1.5;color:#666666;">
<#if unsubscribeUrl??>
This is a promotional message from ${senderName}.<br>
</#if>
${senderName}<#if senderPostalAddress?has_content> &middot; ${senderPostalAddress}</#if>
</p>
<#if unsubscribeUrl??>
<p style="margin:0;font-size:12px;line-height:1.5;color:#666666;">
You can <a href="${unsubscribeUrl}" style="color:#666666;">unsubscribe from these emails</a> at any time.
</p>
</#if>
</#macro>

<#macro text>
--
<#if unsubscribeUrl??>
This is a promotional message from ${senderName}.
</#if>
${senderName}
<#if senderPostalAddress?has_content>
${senderPostalAddress}
</#if>
<#if unsubscribeUrl??>

To unsubscribe from these emails, visit: ${unsubscribeUrl}
</#if>
</#macro>
