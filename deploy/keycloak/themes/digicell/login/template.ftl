<#-- DigiCell's page frame for every login form: base's markup without PatternFly and without the
     menu script; the language switch is two plain links named in their own language. -->
<#import "footer.ftl" as loginFooter>
<#macro registrationLayout bodyClass="" displayInfo=false displayMessage=true displayRequiredFields=false>
<!DOCTYPE html>
<html class="${properties.kcHtmlClass!}" lang="${lang}">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="theme-color" content="#a50e0e">
    <meta name="robots" content="noindex, nofollow">
    <title>${msg("loginTitle",(realm.displayName!''))}</title>
    <link rel="icon" href="data:,">
    <#if properties.styles?has_content>
        <#list properties.styles?split(' ') as style>
            <link href="${url.resourcesPath}/${style}" rel="stylesheet">
        </#list>
    </#if>
    <#if scripts??>
        <#list scripts as script>
            <script src="${script}" type="text/javascript"></script>
        </#list>
    </#if>
    <script type="importmap">
        { "imports": { "rfc4648": "${url.resourcesCommonPath}/vendor/rfc4648/rfc4648.js" } }
    </script>
    <script type="module">
        import { startSessionPolling } from "${url.resourcesPath}/js/authChecker.js";
        startSessionPolling("${url.ssoLoginInOtherTabsUrl?no_esc}");
    </script>
    <#if authenticationSession??>
        <script type="module">
            import { checkAuthSession } from "${url.resourcesPath}/js/authChecker.js";
            checkAuthSession("${authenticationSession.authSessionIdHash}");
        </script>
    </#if>
</head>
<body class="${bodyClass}" data-page-id="login-${pageId}">
<header class="dc-bar">
    <span class="dc-brand">${msg("dcBrand")}</span>
    <#if realm.internationalizationEnabled && locale.supported?size gt 1>
        <nav id="kc-locale" class="dc-langs" aria-label="${msg("languages")}">
            <#list locale.supported as l>
                <#if l.languageTag == locale.currentLanguageTag>
                    <span class="dc-lang" aria-current="true" lang="${l.languageTag}"><#if l.languageTag == "vi">Tiếng Việt<#elseif l.languageTag == "en">English<#else>${l.label}</#if></span>
                <#else>
                    <a class="dc-lang" href="${l.url}" lang="${l.languageTag}" hreflang="${l.languageTag}"><#if l.languageTag == "vi">Tiếng Việt<#elseif l.languageTag == "en">English<#else>${l.label}</#if></a>
                </#if>
            </#list>
        </nav>
    </#if>
</header>
<main class="${properties.kcLoginClass!}">
    <div class="${properties.kcFormCardClass!}">
        <#if !(auth?has_content && auth.showUsername() && !auth.showResetCredentials())>
            <#if displayRequiredFields>
                <p class="dc-required"><span class="required">*</span> ${msg("requiredFields")}</p>
            </#if>
            <h1 id="kc-page-title"><#nested "header"></h1>
        <#else>
            <#if displayRequiredFields>
                <p class="dc-required"><span class="required">*</span> ${msg("requiredFields")}</p>
            </#if>
            <#nested "show-username">
            <div id="kc-username" class="dc-username">
                <span id="kc-attempted-username">${auth.attemptedUsername}</span>
                <a id="reset-login" href="${url.loginRestartFlowUrl}">${msg("restartLoginTooltip")}</a>
            </div>
        </#if>

        <div id="kc-content">
            <#-- app-initiated actions should not see warnings about the need to complete the action -->
            <#if displayMessage && message?has_content && (message.type != 'warning' || !isAppInitiatedAction??)>
                <div class="${properties.kcAlertClass!} dc-alert-${message.type}" role="<#if message.type = 'error'>alert<#else>status</#if>">
                    <span class="${properties.kcAlertTitleClass!}">${kcSanitize(message.summary)?no_esc}</span>
                </div>
            </#if>

            <#nested "form">

            <#if auth?has_content && auth.showTryAnotherWayLink()>
                <form id="kc-select-try-another-way-form" action="${url.loginAction}" method="post">
                    <input type="hidden" name="tryAnotherWay" value="on"/>
                    <button type="submit" class="dc-linklike" id="try-another-way">${msg("doTryAnotherWay")}</button>
                </form>
            </#if>

            <#nested "socialProviders">

            <#if displayInfo>
                <div id="kc-info" class="${properties.kcSignUpClass!}">
                    <#nested "info">
                </div>
            </#if>
        </div>
        <@loginFooter.content/>
    </div>
    <p class="dc-help">${msg("dcHelp")}</p>
</main>
</body>
</html>
</#macro>
