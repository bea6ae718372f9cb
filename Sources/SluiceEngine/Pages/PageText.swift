/// The fixed words on Sluice's pages, in English and Dutch.
struct PageText: Sendable {
    let blockedTitle: String
    let blockedLead: String
    let defaultReason: String
    let serviceLabel: String
    let ruleLabel: String
    let reasonLabel: String
    let referenceLabel: String
    let contactLabel: String
    let contactHint: String
    let warnTitle: String
    let warnLead: String
    let warnContinue: String
    let warnBack: String
    let warnNote: String
    let clientRefused: String
    let authRequired: String
    let badRequest: String
    let notAProxyRequest: String
    let modelBlocked: String

    static func forLanguage(_ language: String) -> PageText { language == "nl" ? dutch : english }

    static let english = PageText(
        blockedTitle: "Blocked by your organisation",
        blockedLead: "This request was stopped by the Sluice web filter.",
        defaultReason: "This service is not allowed by your organisation's policy.",
        serviceLabel: "Service", ruleLabel: "Rule", reasonLabel: "Reason", referenceLabel: "Reference",
        contactLabel: "Questions?", contactHint: "Quote the reference when you get in touch.",
        warnTitle: "Think before you share",
        warnLead: "You are about to use an AI service. Do not paste personal data, client files or anything confidential.",
        warnContinue: "I understand, continue", warnBack: "Go back",
        warnNote: "You will not be asked again for this site today. This choice is logged.",
        clientRefused: "Your address is not allowed to use this proxy.",
        authRequired: "Proxy authentication is required.",
        badRequest: "The request could not be understood",
        notAProxyRequest: "This is the Sluice proxy. Configure it as your HTTP proxy instead of opening it directly.",
        modelBlocked: "The requested model is not allowed")

    static let dutch = PageText(
        blockedTitle: "Geblokkeerd door uw organisatie",
        blockedLead: "Dit verzoek is tegengehouden door het Sluice-webfilter.",
        defaultReason: "Deze dienst is niet toegestaan volgens het beleid van uw organisatie.",
        serviceLabel: "Dienst", ruleLabel: "Regel", reasonLabel: "Reden", referenceLabel: "Referentie",
        contactLabel: "Vragen?", contactHint: "Vermeld de referentie als u contact opneemt.",
        warnTitle: "Denk na voordat u iets deelt",
        warnLead: "U staat op het punt een AI-dienst te gebruiken. Plak geen persoonsgegevens, klantdossiers of vertrouwelijke informatie.",
        warnContinue: "Ik begrijp het, doorgaan", warnBack: "Terug",
        warnNote: "U krijgt deze vraag vandaag niet opnieuw voor deze site. Deze keuze wordt vastgelegd.",
        clientRefused: "Uw adres mag deze proxy niet gebruiken.",
        authRequired: "Aanmelden bij de proxy is vereist.",
        badRequest: "Het verzoek kon niet worden begrepen",
        notAProxyRequest: "Dit is de Sluice-proxy. Stel hem in als HTTP-proxy in plaats van hem direct te openen.",
        modelBlocked: "Het gevraagde model is niet toegestaan")
}
