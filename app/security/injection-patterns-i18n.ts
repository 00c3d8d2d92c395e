import { any, DESTINATION, gap, rule, type InjectionRule } from './injection-rules.js';

/**
 * Injection rules in German, French, Spanish, Portuguese, Italian and Chinese/Japanese. The folded text
 * has no diacritics ("précédentes" → "precedentes", "contraseñas" → "contrasenas"), so neither have the
 * patterns. Romance languages put the adjective after the noun ("instructions précédentes") or a
 * possessive before it ("tes instructions"), hence two override rules per language.
 */

interface OverrideVocabulary {
  lang: string;
  verb: string;
  directives: string;
  /** Qualifiers that follow the noun: "previous", "from the system"… */
  after: string;
  /** Determiners that precede the noun: "your", "all the"… */
  before: string;
}

function overrideRules(v: OverrideVocabulary): InjectionRule[] {
  return [
    rule(`override.${v.lang}.ignore_previous`, 'instruction_override', 'high',
      `\\b${v.verb}${gap(4)}${v.directives}(?:\\s+\\S+)?\\s+${v.after}\\b`),
    rule(`override.${v.lang}.ignore_your`, 'instruction_override', 'high',
      `\\b${v.verb}${gap(2)}${v.before}\\s*(?:\\S+\\s+)?${v.directives}\\b`),
  ];
}

// "Note for the AI:" in each language; the English one lives with the English rules.
const ADDRESS_THE_AI: InjectionRule[] = [
  rule('override.i18n.address_the_ai', 'instruction_override', 'high',
    String.raw`\b(?:(?:hinweis|anweisung(?:en)?|nachricht|notiz)\s+(?:fur|an)\s+(?:die\s+|den\s+)?(?:ki|ki-assistent(?:en)?|assistenten|sprachmodell)|(?:note|instructions?|message|consigne)s?\s+(?:pour|a)\s+(?:l'|l\s|les\s)?(?:ia|assistant|modele)|(?:nota|instrucci[oó]n(?:es)?|mensaje)\s+para\s+(?:la\s+|el\s+)?(?:ia|asistente|modelo)|(?:nota|instrucao|instrucoes|mensagem)\s+(?:para|a)\s+(?:a\s+|o\s+)?(?:ia|assistente|modelo)|(?:nota|istruzion[ei]|messaggio)\s+per\s+(?:l'|l\s|il\s)?(?:ia|assistente|modello))\s*[:,-]`),
  rule('override.i18n.ignore_what_user_said', 'instruction_override', 'high',
    String.raw`\b(?:(?:ignore|desconsidere|esqueca)\s+o\s+que\s+o\s+usuario\s+(?:pediu|disse|quer|escreveu)|(?:ignora|olvida)\s+lo\s+que\s+(?:el\s+usuario|te)\s+(?:pidio|dijo|pidieron|dijeron|quiere)|(?:ignore|oublie)\w*\s+ce\s+que\s+(?:l'\s?utilisateur|on\s+t'a)\s+(?:a\s+)?(?:dit|demande|ecrit)|ignorier\w*\s+(?:alles\s+)?was\s+(?:der\s+)?(?:benutzer|nutzer)\s+(?:gesagt|geschrieben|verlangt))`),
];

const GERMAN: InjectionRule[] = [
  rule('override.de.ignore_previous', 'instruction_override', 'high',
    `\\b${any('ignorier(?:e|en|t|st)?', 'vergiss', 'vergesst', 'vergessen', 'missacht(?:e|en|et)?', 'ubergeh(?:e|en)?', 'verwirf', 'verwerfen', 'beachte', 'befolge', 'hor\\s+auf\\s+mit')}(?!\\s+(?:(?:sie|du|ihr|bitte)\\s+)?nicht\\b)${gap(3)}${any('vorherig', 'vorig', 'bisherig', 'obig', 'fruher', 'vorangegangen', 'vorausgegangen', 'alle', 'deine', 'ihre', 'samtlich', 'ursprunglich', 'system', 'sicherheits')}\\S*(?:\\s+\\S+){0,2}?\\s*${any('anweisung', 'instruktion', 'befehl', 'regel', 'vorgabe', 'richtlinie', 'prompt', 'anordnung', 'systemprompt', 'einschrankung', 'sicherheitsregel')}\\w*`),
  rule('override.de.verb_last', 'instruction_override', 'high',
    `\\b${any('vorherig', 'vorig', 'bisherig', 'obig', 'fruher', 'ursprunglich', 'alle')}\\S*\\s+${any('anweisung', 'instruktion', 'befehl', 'regel', 'vorgabe', 'richtlinie')}\\w*(?:\\s+\\S+){0,3}?\\s+(?:ignorieren|vergessen|missachten|nicht\\s+(?:mehr\\s+)?(?:befolgen|beachten)|ausser\\s+kraft|(?:sind|gelten)\\s+(?:nicht\\s+mehr|ungultig|aufgehoben|hinfallig))\\b`),
  rule('override.de.forget_everything', 'instruction_override', 'high',
    String.raw`\b(?:vergiss|vergessen\s+sie|ignoriere|ignorieren\s+sie)\s+alles(?:\s+\S+){0,4}?\s+(?:bisher|vorher|zuvor|davor|oben|gesagt)`),
  rule('override.de.new_instructions', 'instruction_override', 'medium',
    String.raw`(?:^|[\n.!:>])\s*(?:neue|geheime|aktualisierte|wahre|echte)\s+(?:anweisungen|instruktionen|befehle|systemanweisungen)\s*:`),
  rule('role.de.you_are_now', 'role_hijack', 'high',
    String.raw`\b(?:du\s+bist|sie\s+sind)\s+(?:jetzt|nun|ab\s+sofort|ab\s+jetzt|von\s+nun\s+an)\s+(?:ein(?:e|en)?\s+)?(?:\S+\s+)?(?:ki\b|assistent|bot\b|modell|hacker|dan\b|uneingeschrankt|ungefiltert|frei\b|ohne\s+(?:regeln|einschrankungen|filter))`),
  rule('exfil.de.reveal', 'data_exfiltration', 'high',
    `\\b(?:sende|schicke?|leite|ubermittle|gib|zeige?|verrate|nenne|kopiere|lade)\\w*\\s+(?:\\S+\\s+){0,5}?(?:deinen?\\s+(?:system-?prompt|ursprunglichen\\s+anweisungen|geheimen\\s+anweisungen)|(?:alle|samtliche|die\\s+gespeicherten)\\s+(?:passworter|api-?schlussel|zugangsdaten|geheimnisse|anmeldedaten)|den\\s+tresor|systemprompt)|\\b(?:sende|schicke?|leite|ubermittle)\\w*\\s+(?:\\S+\\s+){0,5}?(?:passworter|api-?schlussel|zugangsdaten|anmeldedaten)(?:\\s+\\S+){0,5}?\\s+(?:an|nach|zu)\\s+(?:\\S+\\s+){0,2}?${DESTINATION}`),
  rule('conceal.de.do_not_tell_user', 'concealment', 'high',
    String.raw`\b(?:(?:sag|sage|erzahle?|erwahne|verrate)\w*\s+(?:\S+\s+){0,2}?(?:dem|den)\s+(?:benutzer|nutzer|anwender)\w*\s+(?:\S+\s+){0,2}?nichts|ohne\s+(?:den\s+|die\s+)?(?:benutzer|nutzer|anwender)\w*\s+(?:zu\s+)?(?:fragen|informieren|benachrichtigen))`),
];

const FRENCH: InjectionRule[] = [
  ...overrideRules({
    lang: 'fr',
    verb: "(?<!\\bn'|\\bne\\s)" + any('ignor(?:e|es|ez|er|ons)', 'oubli(?:e|es|ez|er|ons)', 'neglig(?:e|ez|er)', 'ne\\s+(?:tiens|tenez|tenir)\\s+(?:pas\\s+|plus\\s+)?compte', 'fai(?:s|tes)\\s+abstraction', 'ne\\s+(?:suis|suivez|suivre)\\s+(?:pas|plus)', 'contourne[rz]?', 'outrepass(?:e|ez|er)', 'annul(?:e|ez|er)'),
    directives: any('instructions?', 'consignes?', 'directives?', 'regles?', 'ordres?', 'prompt', 'indications?', 'commandes?', 'restrictions?'),
    after: any('precedentes?', 'anterieures?', 'ci-dessus', 'plus\\s+haut', 'initiales?', 'originales?', "d'origine", 'du\\s+systeme', 'systeme', 'recues', 'actuelles?', 'de\\s+securite'),
    before: any('tes', 'vos', "toutes\\s+(?:les\\s+|tes\\s+|vos\\s+)?", 'les\\s+(?:precedentes|anciennes)'),
  }),
  rule('override.fr.everything_above', 'instruction_override', 'high',
    String.raw`\b(?:ignor|oubli)\w*\s+tout\s+ce\s+qui\s+(?:precede|a\s+ete\s+dit|est\s+(?:au-dessus|ci-dessus)|vient\s+avant)`),
  rule('override.fr.new_instructions', 'instruction_override', 'medium',
    String.raw`(?:^|[\n.!:>])\s*(?:nouvelles?|vraies?|veritables?)\s+(?:instructions|consignes|directives)\s*:`),
  rule('role.fr.you_are_now', 'role_hijack', 'high',
    String.raw`\b(?:tu\s+es|vous\s+etes)\s+(?:maintenant|desormais|a\s+present|dorenavant)\s+(?:un\s+|une\s+)?(?:\S+\s+)?(?:ia\b|assistant|bot\b|modele|pirate|hacker|dan\b|libre|sans\s+(?:restrictions?|limites?|filtres?|regles?))`),
  rule('exfil.fr.reveal', 'data_exfiltration', 'high',
    String.raw`\b(?:envoie|envoyez|transmets|transmettez|revele|revelez|affiche|affichez|donne|donnez|montre|montrez|communique|communiquez)[\s-]+(?:\S+\s+){0,4}?(?:tes|vos|les|toutes\s+les|ton|votre|le)\s+(?:\S+\s+)?(?:mots\s+de\s+passe|cles?\s+(?:d'api|api|secretes?)|identifiants|secrets|prompt\s+systeme|instructions\s+(?:initiales|systeme|cachees)|coffre)`),
  rule('conceal.fr.do_not_tell_user', 'concealment', 'high',
    String.raw`\b(?:sans\s+(?:le\s+dire|prevenir|informer|demander|en\s+informer)\s+(?:a\s+)?l'?\s?utilisateur|ne\s+(?:dis|dites|mentionne|mentionnez)\s+rien\s+a\s+l'?\s?utilisateur)`),
];

const SPANISH: InjectionRule[] = [
  ...overrideRules({
    lang: 'es',
    verb: any('ignor(?:a|e|en|ad|ar|ando)', 'olvid(?:a|e|en|ad|ar|ate)', 'omit(?:e|a|an|id|ir)', 'hagan?\\s+caso\\s+omiso', 'haz\\s+caso\\s+omiso', 'no\\s+(?:sigas|siga|sigan|obedezcas|hagas\\s+caso)', 'descart(?:a|e|ar)', 'desobedece', 'saltate'),
    directives: any('instrucciones', 'indicaciones', 'ordenes', 'reglas', 'directrices', 'directivas', 'prompt', 'normas', 'comandos', 'restricciones'),
    after: any('anteriores', 'previas', 'de\\s+arriba', 'iniciales', 'originales', 'del\\s+sistema', 'recibidas', 'dadas', 'actuales', 'de\\s+seguridad', 'que\\s+te\\s+(?:dieron|han\\s+dado|dio|dieran|di)'),
    before: any('tus', 'sus', 'todas\\s+(?:las\\s+|tus\\s+|sus\\s+)?', 'las\\s+(?:anteriores|previas)', 'a\\s+(?:las|tus|sus)', 'de\\s+(?:las|tus|sus)'),
  }),
  rule('override.es.everything_above', 'instruction_override', 'high',
    String.raw`\b(?:ignor|olvid)\w*\s+todo\s+lo\s+(?:anterior|que\s+(?:se\s+te\s+)?(?:dije|dijo|dijeron|ha\s+dicho|han\s+dicho))`),
  rule('role.es.you_are_now', 'role_hijack', 'high',
    String.raw`\b(?:(?:ahora|a\s+partir\s+de\s+ahora|desde\s+ahora)\s*,?\s+(?:tu\s+)?eres|eres\s+ahora)\s+(?:un\s+|una\s+)?(?:\S+\s+)?(?:ia\b|asistente|bot\b|modelo|hacker|pirata|dan\b|libre|sin\s+(?:restricciones|limites|filtros|reglas))`),
  rule('exfil.es.reveal', 'data_exfiltration', 'high',
    String.raw`\b(?:envia|envie|enviame|manda|mandame|revela|revele|muestra|muestrame|dame|dime|dinos|comparte|reenvia)\s+(?:\S+\s+){0,4}?(?:tus|sus|las|todas\s+las|tu|su|el|la)\s+(?:\S+\s+)?(?:contrasenas?|claves?\s+(?:de\s+)?api|credenciales|secretos|prompt\s+del\s+sistema|instrucciones\s+(?:iniciales|del\s+sistema|ocultas)|boveda)`),
  rule('conceal.es.do_not_tell_user', 'concealment', 'high',
    String.raw`\b(?:sin\s+(?:decirle|avisar|informar|preguntar)(?:le)?\s+(?:nada\s+)?(?:al?\s+)?usuario|no\s+(?:le\s+)?(?:digas|diga|menciones|informes)\s+(?:nada\s+)?(?:de\s+esto\s+)?al\s+usuario)`),
];

const PORTUGUESE: InjectionRule[] = [
  ...overrideRules({
    lang: 'pt',
    verb: any('ignor(?:e|a|ar|em|ando)', 'esquec(?:a|e|er|am)', 'desconsider(?:e|a|ar|em)', 'despreze', 'nao\\s+(?:siga|sigas|obedeca)', 'descarte'),
    directives: any('instrucoes', 'orientacoes', 'ordens', 'regras', 'diretrizes', 'diretivas', 'comandos', 'prompt', 'restricoes'),
    after: any('anteriores', 'previas', 'acima', 'iniciais', 'originais', 'do\\s+sistema', 'recebidas', 'de\\s+seguranca'),
    before: any('suas', 'tuas', 'todas\\s+(?:as\\s+|suas\\s+)?'),
  }),
  rule('role.pt.you_are_now', 'role_hijack', 'high',
    String.raw`\b(?:agora\s+voce\s+e|voce\s+agora\s+e|a\s+partir\s+de\s+agora\s*,?\s+voce\s+e)\s+(?:um\s+|uma\s+)?(?:\S+\s+)?(?:ia\b|assistente|bot\b|modelo|hacker|dan\b|livre|sem\s+(?:restricoes|limites|filtros|regras))`),
];

const ITALIAN: InjectionRule[] = [
  ...overrideRules({
    lang: 'it',
    verb: any('ignor(?:a|are|ate|i)', 'dimentic(?:a|are|ate|hi)', 'trascur(?:a|are|ate)', 'non\\s+seguire', 'non\\s+rispettare', 'tralascia'),
    directives: any('istruzioni', 'indicazioni', 'regole', 'direttive', 'ordini', 'prompt', 'comandi', 'restrizioni'),
    after: any('precedenti', 'di\\s+sopra', 'sopra', 'iniziali', 'originali', 'del\\s+sistema', 'ricevute'),
    before: any('le\\s+tue', 'tutte\\s+(?:le\\s+)?(?:tue\\s+)?'),
  }),
  rule('role.it.you_are_now', 'role_hijack', 'high',
    String.raw`\b(?:ora|adesso|da\s+ora\s+in\s+poi|d'ora\s+in\s+poi)\s*,?\s+(?:tu\s+)?sei\s+(?:un\s+|una\s+|un')?(?:\S+\s+)?(?:ia\b|assistente|bot\b|modello|hacker|dan\b|libero|senza\s+(?:restrizioni|limiti|filtri|regole))`),
];

// No word boundaries in CJK: bounded gaps of any non-newline character instead.
const CJK_EARLIER = '(?:之前|以前|先前|上面|上述|前面|所有|全部|原来|原有|原始|系统|一切|此前|前述|你收到的|给你的|你的)';
const CJK_DIRECTIVES = '(?:指令|指示|说明|規則|规则|提示词|提示|命令|要求|设定|設定|约束|限制)';
const CJK: InjectionRule[] = [
  rule('override.zh.ignore_previous', 'instruction_override', 'high',
    `(?:忽略|无视|忽视|不要理会|不要遵守|不要遵循|忘记|忘掉|放弃|跳过|無視|忘記|忽視)[^\\n]{0,10}?${CJK_EARLIER}[^\\n]{0,8}?${CJK_DIRECTIVES}`),
  rule('override.ja.ignore_previous', 'instruction_override', 'high',
    `${CJK_EARLIER}[^\\n]{0,8}?${CJK_DIRECTIVES}[^\\n]{0,6}?(?:を?無視|を?忘れ|に従わ|忽略|无视)`),
  rule('role.zh.you_are_now', 'role_hijack', 'high',
    String.raw`(?:你现在是|你現在是|从现在起你是|从现在开始[,，]?\s*你是|從現在開始[,，]?\s*你是)[^\n]{0,12}?(?:没有|不受|无|無)?[^\n]{0,4}?(?:限制|约束|审查|过滤|dan|黑客|开发者模式|越狱)`),
  rule('exfil.zh.reveal', 'data_exfiltration', 'high',
    String.raw`(?:发送|发给|泄露|透露|告诉我|显示|输出|打印|給我|给我)[^\n]{0,10}?(?:密码|api\s*密钥|密钥|令牌|系统提示|凭据|凭证|保险库)`),
  // The 把/将 construction puts the object before the verb: 把密码发给我 ("send me the password").
  rule('exfil.zh.ba_reveal', 'data_exfiltration', 'high',
    String.raw`(?:把|将)[^\n]{0,12}?(?:密码|api\s*密钥|密钥|令牌|系统提示|凭据|凭证|保险库)[^\n]{0,12}?(?:发送|发给|发到|告诉|显示|输出|泄露|透露)`),
];

export const I18N_RULES: readonly InjectionRule[] = [...ADDRESS_THE_AI, ...GERMAN, ...FRENCH, ...SPANISH, ...PORTUGUESE, ...ITALIAN, ...CJK];
