<#--
  The layout every message is wrapped in. The engine calls layout.html with the template's html
  macro as nested content, and layout.text with its text macro. Change the look of every email here.
-->
<#import "footer.ftl" as footer>

<#macro html>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body style="margin:0;padding:0;background-color:#ffffff;">
<div style="max-width:600px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222222;">
<#nested>
<@footer.html/>
</div>
</body>
</html>
</#macro>

<#macro text>
<#nested>

<@footer.text/>
</#macro>
