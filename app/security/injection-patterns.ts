import { AI, any, DESTINATION, gap, rule, SECRET, TOOL_NAME, type InjectionRule } from './injection-rules.js';
import { I18N_RULES } from './injection-patterns-i18n.js';
import { MARKER_RULES } from './injection-patterns-markers.js';

/**
 * The English rules for what an injected instruction says: override the instructions, take on another
 * role, leak data, call tools, hide it from the user. How injected text pretends to be something else
 * (fake delimiters, fake approvals) is in injection-patterns-markers.ts; other languages in -i18n.ts.
 * Patterns target the folded text: lower-case, no diacritics.
 */

const OVERRIDE_VERB = any(
  'ignore', 'ignoring', 'disregard', 'disregarding', 'forget', 'overlook', 'skip', 'bypass', 'override', 'overwrite',
  'drop', 'abandon', 'discard', 'neglect', 'cancel', 'void', 'nullify', 'erase', 'clear', 'dismiss', 'set\\s+aside',
  'throw\\s+(?:out|away)', 'put\\s+aside', 'ditch', 'scrap', 'do\\s+not\\s+(?:follow|obey)', "don't\\s+(?:follow|obey)", 'stop\\s+(?:following|obeying)', 'no\\s+longer\\s+(?:follow|obey)',
);
const EARLIER = any(
  'previous', 'previously', 'prior', 'above', 'earlier', 'preceding', 'foregoing', 'former', 'original', 'initial',
  'system', 'developer', "developer's", 'safety', 'your', 'all', 'any', 'every', "user'?s", "owner'?s",
);
const DIRECTIVES = any(
  'instructions?', 'directions?', 'directives?', 'rules?', 'guidelines?', 'prompts?', 'commands?', 'orders?',
  'guardrails?', 'restrictions?', 'constraints?', 'policies', 'policy', 'programming', 'context', 'training',
  'system\\s+messages?', 'safeguards?', 'limitations?', 'ethics', 'guidance',
);

const OVERRIDE: InjectionRule[] = [
  rule('override.ignore_previous', 'instruction_override', 'high',
    `\\b${OVERRIDE_VERB}${gap(3)}${EARLIER}(?:\\s+\\S+){0,2}?\\s+${DIRECTIVES}\\b`, { unlessVerbNegated: true }),
  rule('override.ignore_given_directives', 'instruction_override', 'high',
    `\\b${OVERRIDE_VERB}${gap(2)}(?:${DIRECTIVES}|task|request|job|assignment|question)\\s+(?:(?:that\\s+)?(?:your|the)\\s+(?:owner|user|developers?|creators?|operator|system|admin)\\s+(?:\\S+\\s+)?(?:gave|configured|set|wrote|defined|provided|specified|assigned)|(?:that\\s+)?(?:the\\s+user|your\\s+user|they)\\s+gave\\s+you|(?:that\\s+)?you(?:'ve|\\s+have|\\s+were|\\s+got)?\\s+(?:been\\s+)?(?:given|told|taught|received)|(?:given|provided)\\s+(?:to\\s+you|earlier|before|above)|from\\s+(?:before|earlier|above|your\\s+(?:developers?|creators?|system|user|owner)))\\b`, { unlessVerbNegated: true }),
  rule('override.ignore_everything', 'instruction_override', 'high',
    `\\b${OVERRIDE_VERB}${gap(1)}(?:everything|all|anything)(?:\\s+(?:that\\s+)?you\\s+(?:were|are|have\\s+been)\\s+(?:doing|working\\s+on)|(?:\\s+(?:of\\s+)?(?:the\\s+|that\\s+|what\\s+|which\\s+)?|\\s*,\\s*)(?:above|before|previously|prior|so\\s+far|until\\s+now|earlier|(?:you(?:'ve|\\s+have)?\\s+(?:been|were|was)\\s+(?:told|given|instructed|taught))|(?:was|were|has\\s+been|you\\s+(?:were|have\\s+been))\\s+(?:said|written|stated|told|given)))\\b`, { unlessVerbNegated: true }),
  rule('override.ignore_the_above', 'instruction_override', 'high',
    `\\b${OVERRIDE_VERB}${gap(2)}(?:above|foregoing|preceding)\\s*(?:[.,;:!\\n]|and\\b|$)`, { unlessVerbNegated: true }),
  rule('override.new_instructions', 'instruction_override', 'medium',
    `(?:^|[\\n.!:>\\]])\\s*(?:new|updated|revised|real|actual|true|secret|hidden|override|additional|urgent)\\s+(?:system\\s+)?(?:instructions?|directives?|prompt|orders|task)(?:\\s+for\\s+(?:the\\s+|any\\s+)?${AI})?\\s*:`),
  rule('override.new_system_prompt', 'instruction_override', 'high',
    `\\b(?:new|updated|replacement|override|overriding)\\s+system\\s+(?:prompt|message|instructions?)\\s*(?::|follows|is\\b|below)`),
  rule('override.system_prompt_update', 'instruction_override', 'high',
    `\\bsystem\\s+(?:prompt|message|instructions?)\\s+(?:update|override|change|patch|replacement|v\\d+)\\s*:`),
  rule('override.setup_no_longer_applies', 'instruction_override', 'high',
    `\\b(?:earlier|previous|prior|original|above|initial|old|existing)\\s+(?:setup|instructions|rules|configuration|prompt|directives|guidance|context|guidelines|orders)\\s+(?:no\\s+longer\\s+appl(?:y|ies)|(?:is|are)\\s+no\\s+longer\\s+(?:valid|in\\s+effect|active|binding)|(?:should|must)\\s+(?:be\\s+)?(?:ignored|disregarded|forgotten))\\b`),
  rule('override.obey_only', 'instruction_override', 'medium',
    `\\b(?:obey|follow|trust|listen\\s+to)\\s+only\\s+(?:messages|instructions|commands|orders|me|this|requests)\\b|\\bonly\\s+(?:obey|follow|take\\s+orders\\s+from)\\s+(?:me|this|messages|instructions)\\b`),
  rule('override.treat_as_prompt', 'instruction_override', 'high',
    `\\btreat\\s+(?:\\S+\\s+){0,6}?as\\s+(?:your\\s+)?(?:new\\s+|real\\s+|actual\\s+)?(?:system\\s+prompt|system\\s+instructions|instructions\\s+from\\s+(?:the\\s+)?(?:user|system|developer)|(?:your\\s+)(?:instructions|rules|orders|commands))\\b`),
  rule('override.ai_instructions_label', 'instruction_override', 'medium',
    `(?:^|[\\n\\[(<>{"'])\\s*(?:ai|llm|assistant|agent|bot|model|gpt|claude)[\\s_-]+(?:instructions?|directives?|prompt|note|task|orders?)\\s*[:=]`),
  rule('override.real_task', 'instruction_override', 'high',
    `\\byour\\s+(?:new|real|true|actual|only|primary|updated|revised)\\s+(?:task|goal|objective|purpose|mission|instructions?|job|directive|orders?)\\s+(?:is|are|will\\s+be|now|from\\s+now)\\b`),
  rule('override.instructions_changed', 'instruction_override', 'high',
    `\\byour\\s+(?:instructions|rules|guidelines|directives|orders|task|objective|programming|system\\s+prompt)\\s+(?:have|has)\\s+(?:(?:just|now|recently)\\s+)?(?:changed|been\\s+(?:updated|changed|replaced|revised|overridden|superseded|cancelled|canceled))\\b`),
  rule('override.instead', 'instruction_override', 'medium',
    `\\binstead\\s*,?\\s+(?:you\\s+(?:must|should|will|need\\s+to|are\\s+to)|your\\s+(?:new\\s+)?(?:task|job|goal|objective)\\s+is|do\\s+the\\s+following)`),
  rule('override.from_now_on', 'instruction_override', 'low',
    `\\bfrom\\s+now\\s+on\\s*,?\\s+(?:you\\s+(?:will|must|shall|should|are|only)|ignore|always|never|respond|answer|reply|only)\\b`),
  rule('override.address_the_ai', 'instruction_override', 'high',
    `\\b(?:note|message|instructions?|attention|reminder|important|p\\.?s\\.?|hey|dear|todo|to-do|tasks?|job|action\\s+items?|request)\\s+(?:to|for)\\s+(?:the\\s+|any\\s+|all\\s+|every\\s+)?${AI}\\s*(?:[:,\\-]|reading|processing|(?:who|that)\\s+(?:is|are)\\s+(?:reading|processing))`),
  rule('override.if_you_are_an_ai', 'instruction_override', 'high',
    `\\bif\\s+you\\s+are\\s+(?:an?\\s+)?(?:ai|llm|large\\s+language\\s+model|language\\s+model|chatbot|ai\\s+(?:assistant|agent|model)|assistant|automated\\s+(?:agent|assistant|system)|bot)\\s*(?:[,.:;]|reading|processing|summari[sz]ing|parsing|and\\b|who\\b|that\\b)`),
  rule('override.if_an_ai_reads_this', 'instruction_override', 'high',
    `\\bif\\s+(?:an?|any|the|some)\\s+${AI}\\s+(?:\\S+\\s+){0,2}?(?:reads|summari[sz]es|processes|sees|parses|analy[sz]es|is\\s+(?:reading|summari[sz]ing|processing|parsing))\\s+(?:this|these|the\\s+(?:page|email|message|document|text|file))\\b`),
  rule('override.ignore_what_was_said', 'instruction_override', 'high',
    `\\b${OVERRIDE_VERB}\\s+(?:what|whatever|anything)\\s+(?:the\\s+user|your\\s+(?:user|owner|developers?)|the\\s+system|you(?:'ve|\\s+have)?\\s+(?:been|were))\\s+(?:\\S+\\s+)?(?:said|told|asked|wrote|instructed|requested|says|asks|wants)\\b`, { unlessVerbNegated: true }),
  rule('override.ai_doing_this', 'instruction_override', 'medium',
    `(?:^|[\\n.!?>])\\s*(?:any\\s+|all\\s+)?${AI}(?:\\s+tools?)?\\s+(?:\\S+\\s+){0,2}?(?:reading|indexing|processing|crawling|scraping|summari[sz]ing|parsing|visiting|analy[sz]ing)\\s+(?:this|these|the)\\b[^\\n:]{0,40}:`),
  rule('override.any_ai_must', 'instruction_override', 'medium',
    `\\b(?:any|all|every)\\s+(?:ai|llm|chatbot|language\\s+model|ai\\s+(?:assistant|agent|model|system)|assistant)s?\\s+(?:\\S+\\s+)?(?:must|should|shall|is\\s+required\\s+to|are\\s+required\\s+to|needs?\\s+to|is\\s+instructed\\s+to|are\\s+instructed\\s+to)\\b`),
  rule('override.ai_reading_this', 'instruction_override', 'high',
    `\\b${AI}\\s+(?:that\\s+(?:is|are)\\s+|who\\s+(?:is|are)\\s+)?(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|seeing)\\s+this\\s+(?:\\S+\\s+){0,2}?(?:must|should|shall|will|need\\s+to|are\\s+(?:required|instructed)|is\\s+(?:required|instructed)|has\\s+to|have\\s+to)\\b`),
  rule('override.instructions_are_void', 'instruction_override', 'high',
    `\\b(?:the\\s+)?(?:above|previous|prior|earlier|original|system)\\s+(?:instructions|rules|prompt|directives|guidelines)\\s+(?:are|were|is|was|have\\s+been)\\s+(?:(?:now|hereby)\\s+)?(?:void|cancelled|canceled|revoked|outdated|obsolete|fake|a\\s+test|wrong|invalid|superseded|replaced|lifted|no\\s+longer\\s+(?:valid|apply|applicable))`),
];

const ROLE: InjectionRule[] = [
  rule('role.you_are_now', 'role_hijack', 'high',
    `\\byou(?:\\s+are|'re)\\s+(?:now|no\\s+longer|henceforth|from\\s+now\\s+on)\\s+(?:an?\\s+|the\\s+|in\\s+|my\\s+)?(?:dan\\b|unrestricted|unfiltered|uncensored|unbound|jailbroken|evil|malicious|free\\b|liberated|root\\b|sudo\\b|superuser|developer\\s+mode|god\\s+mode|debug\\s+mode|admin\\s+mode|hacker|attacker|pirate|villain|criminal|spy\\b|different\\s+${AI}|new\\s+${AI}|(?:an?\\s+)?${AI}\\s+(?:without|with\\s+no|that\\s+(?:has|ignores|can)|who\\s+(?:has|ignores|can)|called|named))`),
  rule('role.no_longer_assistant', 'role_hijack', 'high',
    `\\byou(?:\\s+are|'re)\\s+no\\s+longer\\s+(?:(?:an?\\s+|the\\s+)?(?:pyra|helpful|${AI})\\b|(?:bound|restricted|limited|constrained|governed|required\\s+to\\s+follow|obligated\\s+to\\s+follow|subject\\s+to)\\s+(?:by\\s+)?(?:your|any|the|its)?\\s*(?:\\S+\\s+)?(?:rules|guidelines|policies|restrictions|programming|instructions|filters|training|guardrails|content\\s+policy|ethics)\\b)`),
  rule('role.evil_ai', 'role_hijack', 'high',
    `\\b(?:you\\s+are|you're|become|play|be)\\s+(?:an?\\s+|the\\s+)?(?:evil|malicious|unrestricted|unfiltered|uncensored|jailbroken|rogue|amoral|unethical)\\s+(?:\\S+\\s+)?${AI}\\b`),
  rule('role.ai_without_rules', 'role_hijack', 'high',
    `\\b${AI}\\s+(?:\\S+\\s+){0,3}?(?:with|has|having|that\\s+has|who\\s+has|which\\s+has)\\s+(?:zero|no|none\\s+of\\s+the)\\s+(?:ethical\\s+|moral\\s+|safety\\s+|content\\s+)?(?:rules|restrictions|limits|limitations|filters|guidelines|ethics|morals|policies|policy|guardrails|boundaries)\\b`),
  rule('role.no_content_policy', 'role_hijack', 'high',
    `\\b(?:has|have|with|having|without)\\s+(?:no|zero|any)\\s+(?:content|ethical|safety|moral)\\s+(?:restrictions|filters|guidelines|policy|policies|rules|limits|limitations|guardrails)\\b`),
  rule('role.unconditional_compliance', 'role_hijack', 'medium',
    `\\b(?:always\\s+(?:say|says|answer|answers|reply|replies)\\s+yes|never\\s+(?:refuse|refuses|decline|declines|says?\\s+no)\\b(?!\\s+to\\s+(?:help|a\\s+challenge))|(?:comply|complies|will\\s+comply)\\s+with\\s+(?:every|all|any)\\s+(?:single\\s+)?(?:request|instruction|command|order)s?)\\b`),
  rule('role.mode_flags', 'role_hijack', 'high',
    String.raw`\b(?:(?:developer|god|jailbreak|dan|unrestricted|unfiltered)\s+mode\s*[:=]\s*["']?(?:on|enabled|true|active|activated|1)\b|(?:safety|safety\s+filters?|content\s+filter(?:ing|s)?|guardrails|moderation|restrictions|ethics)\s*[:=]\s*["']?(?:off|disabled|false|none|0)\b)`),
  rule('role.act_as', 'role_hijack', 'high',
    `\\b(?:act|behave|respond|operate|function|roleplay|role-play)\\s+(?:as|like)\\s+(?:if\\s+you\\s+(?:are|were)\\s+)?(?:an?\\s+|the\\s+|my\\s+)?(?:unrestricted|unfiltered|uncensored|jailbroken|evil|malicious|dan\\b|root\\s+user|superuser|hacker|black\\s*hat|different\\s+${AI}|${AI}\\s+(?:without|with\\s+no|that\\s+(?:has|ignores)|who\\s+(?:has|ignores))|system\\s+(?:administrator|process|prompt)\\s+with)`),
  rule('role.pretend', 'role_hijack', 'high',
    `\\bpretend\\s+(?:to\\s+be|you\\s+are|that\\s+you\\s+are|you're|you\\s+have|you\\s+were)\\s+(?:an?\\s+|the\\s+|my\\s+)?(?:unrestricted|unfiltered|uncensored|jailbroken|evil|dan\\b|human|not\\s+an?\\s+${AI}|no\\s+longer\\s+an?\\s+${AI}|different\\s+${AI}|another\\s+${AI}|${AI}\\s+(?:without|with\\s+no)|no\\s+(?:restrictions|rules|limits|guidelines|filters)|(?:been\\s+)?(?:freed|unlocked|jailbroken))`),
  rule('role.persona', 'role_hijack', 'medium',
    `\\byour\\s+(?:new\\s+)?(?:persona|identity|character|alter\\s+ego|system\\s+role)\\s+(?:is|will\\s+be|is\\s+now)\\b`),
  rule('role.mode_switch', 'role_hijack', 'high',
    `\\b(?:enter|enable|activate|switch\\s+(?:to|into)|turn\\s+on|engage|unlock)\\s+(?:the\\s+|your\\s+)?(?:god|unrestricted|jailbreak|jailbroken|dan|sudo|unfiltered|uncensored|evil|no[\\s-]?limits?|unlimited|developer\\s+override)\\s+mode\\b`),
  rule('role.you_in_mode', 'role_hijack', 'high',
    `\\byou\\s+(?:are\\s+)?(?:now\\s+)?(?:in|entering|running\\s+in|operating\\s+in)\\s+(?:developer|dev|debug|god|admin|maintenance|unrestricted|test)\\s+mode\\b`),
  rule('role.dan', 'role_hijack', 'high',
    `\\b(?:do\\s+anything\\s+now|dan\\s+mode|developer\\s+mode\\s+(?:enabled|output|activated|on)|jailbreak\\s+(?:mode|enabled|activated|successful))\\b`),
  rule('role.no_restrictions', 'role_hijack', 'high',
    `\\b(?:without|free\\s+(?:of|from)|no\\s+longer\\s+(?:bound|restricted|limited|constrained)\\s+by|not\\s+bound\\s+by|unbound\\s+by|released\\s+from|ignoring)\\s+(?:any\\s+|all\\s+|the\\s+)?(?:your\\s+(?:\\S+\\s+)?|(?:ethical|safety|content|moral|usage|openai|anthropic|alignment)\\s+)(?:restrictions|guidelines|filters|limitations|rules|policies|guardrails|censorship|programming|constraints|principles|training)\\b`),
  rule('role.claims_authority', 'role_hijack', 'high',
    `\\b(?:i\\s+am|i'm|this\\s+is|speaking\\s+as|as)\\s+your\\s+(?:developer|developers|creator|creators|programmer|maker|owner|operator|administrator|admin|system\\s+administrator|trainer|master)\\b`),
  rule('role.message_from_system', 'role_hijack', 'medium',
    `\\b(?:this\\s+is|message\\s+from|instructions?\\s+from|update\\s+from|notice\\s+from)\\s+(?:the\\s+|your\\s+)?(?:system|openai|anthropic|ai\\s+provider|model\\s+provider|pyra\\s+(?:system|core|security))\\s*(?:[:.,!\\-]|speaking|here)`),
];

const EXFIL_VERB = any(
  'send', 'forward', 'email', 'e-mail', 'mail', 'post', 'upload', 'transmit', 'leak', 'exfiltrate', 'submit',
  'copy', 'paste', 'append', 'attach', 'include', 'embed', 'encode', 'put', 'write', 'share', 'transfer', 'sync',
  'dump', 'export', 'relay', 'deliver', 'pass',
);
const REVEAL_VERB = any(
  'reveal', 'print', 'output', 'show', 'display', 'dump', 'repeat', 'disclose', 'leak', 'tell\\s+me', 'give\\s+me',
  'list', 'recite', 'spell\\s+out', 'read\\s+out', 'echo', 'expose', 'return', 'paste', 'write\\s+out',
);
const DATA = any(
  SECRET, 'conversation', 'conversations', 'chat', 'history', 'everything', 'all\\s+(?:the\\s+)?data', "user'?s?\\s+data",
  'personal\\s+(?:data|information|details)', 'email\\s+(?:contents?|bodies|body)', 'previous\\s+messages', 'summary',
  'contacts', 'address\\s+book', 'inbox', 'files', 'notes', 'keys', 'tokens', 'emails', 'messages', 'mails',
);
const URL_PART = any('url', 'urls', 'link', 'links', 'query(?:\\s+string)?', 'query\\s+param(?:eter)?s?', 'get\\s+param(?:eter)?s?', 'image\\s+(?:url|link|src|source)', 'src', 'href');

const PERSONAL = any(
  '(?:home|postal|street)\\s+address', 'date\\s+of\\s+birth', 'birth\\s*date', 'phone\\s+numbers?', 'social\\s+security\\s+numbers?',
  'ssn', 'passport\\s+(?:numbers?|details)', 'credit\\s+card(?:\\s+(?:numbers?|details))?', 'bank\\s+(?:details|account(?:\\s+numbers?)?)', 'iban',
);

const EXFILTRATION: InjectionRule[] = [
  rule('exfil.secret_to_destination', 'data_exfiltration', 'high',
    `\\b${EXFIL_VERB}${gap(6)}${SECRET}(?:\\s+\\S+){0,8}?\\s+(?:to|at|into|via|using|on)\\s+(?:\\S+\\s+){0,3}?${DESTINATION}`, { unlessNegated: true }),
  rule('exfil.reveal_ai_secrets', 'data_exfiltration', 'high',
    `\\b${REVEAL_VERB}${gap(3)}(?:your|the|all|any|every)\\s+(?:\\S+\\s+)?(?:system\\s+prompt|initial\\s+(?:prompt|instructions)|hidden\\s+(?:prompt|instructions)|original\\s+instructions|developer\\s+(?:message|prompt)|instructions\\s+(?:above|you\\s+were\\s+given)|api\\s+keys?|vault(?:\\s+(?:contents?|entries|secrets))?|secrets|stored\\s+(?:passwords|credentials|keys|secrets)|memory\\s+files?|memories|(?:user'?s?\\s+)?memory\\s+(?:folder|directory|dir)|(?:user'?s?\\s+)?(?:api|access|auth|session|bearer|refresh|oauth)\\s+(?:keys?|tokens?)|user'?s?\\s+(?:passwords?|credentials|pin|2fa\\s+codes?))\\b`, { unlessNegated: true }),
  rule('exfil.secret_into_reply', 'data_exfiltration', 'high',
    `\\b(?:paste|include|put|insert|write|add|print|append|repeat|quote)\\s+(?:\\S+\\s+){0,5}?(?:${SECRET}|${PERSONAL}|(?:api|access|auth|session|bearer|refresh|oauth)\\s+(?:keys?|tokens?)|2fa\\s+codes?|one-time\\s+(?:codes?|passwords?))(?:\\s+\\S+){0,6}?\\s+(?:in|into|to|at\\s+the\\s+end\\s+of)\\s+(?:your|the|this|its)\\s+(?:reply|answer|response|output|message|summary)\\b`, { unlessNegated: true }),
  rule('exfil.ask_system_prompt', 'data_exfiltration', 'medium',
    `\\b(?:what'?s|what\\s+is|what\\s+are|what\\s+was)\\s+(?:in\\s+|written\\s+in\\s+)?your\\s+(?:system\\s+prompt|initial\\s+(?:prompt|instructions)|hidden\\s+(?:prompt|instructions)|original\\s+instructions|developer\\s+(?:message|prompt)|secret\\s+instructions)\\b`),
  rule('exfil.verbatim_dump', 'data_exfiltration', 'medium',
    `\\b(?:print|repeat|output|reveal|show|recite|copy|reproduce|dump|write\\s+out)\\s+(?:it|them|everything|all\\s+of\\s+it|(?:the\\s+)?(?:text|words|prompt|instructions|message)s?\\s+above|your\\s+(?:\\S+\\s+)?(?:prompt|instructions))\\s+(?:\\S+\\s+){0,2}?(?:verbatim|word\\s+for\\s+word|in\\s+full|exactly|starting\\s+(?:from|with)\\s+(?:the\\s+)?(?:very\\s+)?(?:first|beginning))\\b`),
  rule('exfil.reply_with_secret', 'data_exfiltration', 'high',
    `\\b(?:reply|respond|answer|write\\s+back)\\s+(?:\\S+\\s+){0,2}?with\\s+(?:\\S+\\s+){0,3}?(?:one-time\\s+(?:codes?|passwords?)|otp|2fa\\s+codes?|verification\\s+codes?|security\\s+codes?|sms\\s+codes?|${SECRET})(?=\\W|$)(?:\\s+(?:the\\s+)?(?:user|they|he|she)\\s+(?:received|got|has|was\\s+sent))?`, { unlessNegated: true }),
  rule('exfil.encode_secret', 'data_exfiltration', 'medium',
    `\\b(?:base64[\\s-]?encode|encode|hex[\\s-]?encode|url[\\s-]?encode|obfuscate|encrypt)\\s+(?:\\S+\\s+){0,4}?(?:${SECRET}|${PERSONAL})`),
  rule('exfil.sensitive_files', 'data_exfiltration', 'high',
    `(?:\\.pyra\\/(?:vault|config)|\\bapi_keys\\.json\\b|\\.vault_lock\\b|\\/etc\\/shadow\\b|\\bsecurity\\.log\\b\\s+(?:and|to|contents))`),
  rule('exfil.credential_files', 'data_exfiltration', 'medium',
    `\\b(?:${EXFIL_VERB}|${REVEAL_VERB}|read|open|cat|contents\\s+of)\\s+(?:\\S+\\s+){0,3}?(?:~\\/)?(?:\\.ssh\\/id_[a-z0-9]+(?!\\.pub)\\b|\\.aws\\/credentials|\\.netrc\\b|\\.docker\\/config\\.json|\\.kube\\/config|\\.npmrc|\\.pypirc|\\.git-credentials|\\/etc\\/passwd)`),
  rule('exfil.data_into_url', 'data_exfiltration', 'high',
    `\\b(?:append|add|include|encode|put|embed|insert|attach|place|base64[\\s-]?encode)\\s+(?:\\S+\\s+){0,4}?${DATA}(?:\\s+\\S+){0,4}?\\s+(?:to|in|into|as|inside)\\s+(?:the\\s+|a\\s+|an\\s+|this\\s+)?(?:\\S+\\s+)?${URL_PART}\\b`),
  rule('exfil.url_placeholder', 'data_exfiltration', 'high',
    String.raw`https?:\/\/[^\s"'<>)]{1,300}?[?&][\w.\-\[\]]{1,40}=(?:\{\{?|\$\{|<[a-z_]|\[[a-z_]|%7b|%3c[a-z_]|%5b[a-z_])`),
  rule('exfil.url_data_param', 'data_exfiltration', 'medium',
    String.raw`https?:\/\/[^\s"'<>)]{1,300}?[?&](?:secret|secrets|api_?key|apikey|password|passwd|creds?|credentials|ssh_?key|private_?key|memory|memories|conversation|chat_?history|history|system_?prompt|vault|exfil|leak|stolen|dump)=`),
  // A query parameter left empty at the very end of a URL is a slot for data to be appended.
  rule('exfil.url_open_param', 'data_exfiltration', 'medium',
    String.raw`https?:\/\/[^\s"'<>)]{1,300}?[?&][\w.\-\[\]]{1,40}=(?=[\s"'<>)\]]|$)`),
  rule('exfil.append_to_url', 'data_exfiltration', 'high',
    `\\b(?:append|add|attach|include|put|send|paste)\\s+(?:it|them|this|that|the\\s+(?:result|summary|output|text|answer|encoded\\s+\\S+))\\s+(?:\\S+\\s+){0,3}?(?:to|in|into|onto)\\s+(?:the\\s+|this\\s+|a\\s+)?(?:url|link|endpoint|address|query\\s+string)\\s*:?\\s*https?:\\/\\/`),
  rule('exfil.markdown_image_query', 'data_exfiltration', 'low',
    String.raw`!\[[^\]\n]{0,200}\]\(\s*<?https?:\/\/[^\s)]{1,500}?\?[^\s)]{1,500}?=`),
  rule('exfil.render_image_with_data', 'data_exfiltration', 'high',
    `\\b(?:render|display|show|include|insert|add|output|embed|append|end\\s+(?:your|the)\\s+(?:answer|reply|response|summary)\\s+with)\\s+(?:\\S+\\s+){0,4}?(?:markdown\\s+)?image[,:;]?\\s+(?:\\S+\\s+){0,8}?(?:where|whose|with|containing|replacing|filled\\s+with|that\\s+(?:contains|includes))\\s+(?:\\S+\\s+){0,6}?${DATA}`),
  rule('exfil.forward_everything', 'data_exfiltration', 'medium',
    `\\b(?:forward|send|copy|bcc|cc|upload|sync|export)\\s+(?:all|every|each|the\\s+last\\s+\\d+|the\\s+(?:entire|whole|full))\\s+(?:\\S+\\s+){0,3}?(?:emails?|messages?|mails?|conversations?|files?|documents?|contacts|attachments|notes|memories|threads|inbox|history)(?:\\s+\\S+){0,5}?\\s+to\\s+(?:\\S+\\s+){0,2}?${DESTINATION}`),
  rule('exfil.send_with_data', 'data_exfiltration', 'high',
    `\\b(?:send|forward|reply|write)\\s+(?:an?\\s+|the\\s+)?(?:email|message|mail|dm|note)\\s+(?:\\S+\\s+){0,6}?to\\s+[\\w.+-]+@[\\w-]+\\.[\\w.]+\\s+(?:\\S+\\s+){0,6}?(?:containing|with|including|that\\s+(?:contains|includes)|listing)\\s+(?:\\S+\\s+){0,4}?(?:${SECRET}|the\\s+(?:user'?s?\\s+)?(?:conversation|history|memory|memories|contacts|summary\\s+of\\s+(?:all|every)))`, { unlessNegated: true }),
];

const TOOL_VERB = any('call', 'invoke', 'execute', 'trigger', 'run', 'use', 'fire', 'launch');
const RISKY_ACTION = any(
  'send', 'forward', 'delete', 'remove', 'upload', 'post', 'transfer', 'share', 'email', 'write', 'create', 'pay', 'buy',
  'purchase', 'wire', 'overwrite', 'publish', 'grant', 'invite', 'install', 'download', 'execute', 'run',
);

const TOOLS: InjectionRule[] = [
  rule('coerce.call_the_tool', 'tool_coercion', 'high',
    `\\b${TOOL_VERB}\\s+(?:the\\s+|your\\s+)?(?:${TOOL_NAME}\\s+|[\\w-]{1,40}\\s+)?(?:tool|function\\s+call|plugin)\\s*(?:${TOOL_NAME}\\s*)?(?:(?:right\\s+)?now|immediately|right\\s+away|at\\s+once|(?:(?:(?:right\\s+)?now|immediately|right\\s+away)\\s+)?(?:with|using|passing|to\\s+${RISKY_ACTION}))\\b`),
  rule('coerce.named_tool_with_args', 'tool_coercion', 'high',
    `\\b${TOOL_VERB}\\s+(?:the\\s+)?${TOOL_NAME}\\s*(?:tool\\s+|function\\s+)?(?:with|using|passing|on)\\s+(?:\\S+\\s+){0,3}?(?:args?|arguments|parameters?|params|to\\s*[:=]|recipient|subject|body|path|url|[\\w]+\\s*[:=])`),
  rule('coerce.imperative_tool', 'tool_coercion', 'high',
    `\\b(?:you\\s+(?:must|should|need\\s+to|have\\s+to|are\\s+required\\s+to|are\\s+instructed\\s+to|will\\s+now)|immediately|now|first|then)\\s+(?:immediately\\s+)?(?:call|invoke|execute|trigger|use)\\s+(?:the\\s+)?${TOOL_NAME}`),
  rule('coerce.invoke_named_function', 'tool_coercion', 'medium',
    `\\b(?:invoke|execute|trigger|fire)\\s+(?:the\\s+)?${TOOL_NAME}\\s+(?:tool|function|plugin|command|action)\\b`),
  rule('coerce.named_tool_to_act', 'tool_coercion', 'medium',
    `\\b(?:use|call|invoke|execute|trigger|run)\\s+(?:the\\s+)?${TOOL_NAME}\\s+(?:tool\\s+|function\\s+)?to\\s+(?:${RISKY_ACTION}|book|schedule|cancel|accept|decline|reply|archive|export)\\b`),
  rule('coerce.call_syntax', 'tool_coercion', 'medium',
    String.raw`\b(?:run|call|invoke|execute|trigger)\s+[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+\s*\(\s*[a-z_]+\s*=`),
  rule('coerce.tool_call_markup', 'tool_coercion', 'medium',
    String.raw`(?:["']?(?:tool_calls?|function_call|tool_use|tool_name)["']?\s*[:=]\s*[\[{"']|<\s*(?:tool_call|tool_use|function_calls?|invoke\s+name\s*=))`),
  rule('coerce.mass_destruction', 'tool_coercion', 'low',
    `(?:^|[\\n.!:;]\\s*|\\b(?:please|now|immediately|then|also|you\\s+(?:must|should|need\\s+to)|and)\\s+)(?:delete|remove|wipe|erase|purge|destroy|overwrite)\\s+(?:all|every|each|the\\s+entire|the\\s+whole|any\\s+and\\s+all)\\s+(?:of\\s+)?(?:the\\s+|your\\s+|my\\s+)?(?:\\S+\\s+){0,2}?(?:files|emails|messages|memories|memory|notes|contacts|events|repositories|repos|documents|backups|mailbox|inbox|folders)\\b`),
];

const CONCEALMENT: InjectionRule[] = [
  rule('conceal.do_not_tell_user', 'concealment', 'high',
    `\\b(?:do\\s+not|don't|never|without|avoid)\\s+(?:tell|telling|inform|informing|notify|notifying|alert|alerting|mention|mentioning|reveal|revealing|show|showing|disclose|disclosing|let)\\s+(?:(?:this|it|anything|that)\\s+(?:to\\s+)?)?(?:the\\s+|your\\s+)?(?:user|human|operator|owner|end\\s+user)s?\\b(?!['’]s\\b)(?!\\s+(?:name|names|id|ids|account|accounts|password|passwords|data|input|interface))`),
  rule('conceal.secretly_act', 'concealment', 'high',
    `\\b(?:silently|secretly|quietly|covertly|discreetly|stealthily|in\\s+the\\s+background)\\s+(?:\\S+\\s+){0,2}?(?:send|forward|email|upload|post|copy|share|transfer|exfiltrate|delete|call|run|execute|invoke|add|grant|change|install|download|bcc|accept|approve|reply|book|schedule|cancel|decline|modify|update|archive|remove|create|invite|pay|buy|subscribe)\\b`),
  rule('conceal.hide_from_user', 'concealment', 'high',
    `\\b(?:hide|conceal|keep)\\s+(?:this|it|these\\s+(?:instructions|steps|actions)|the\\s+(?:action|request|instructions|tool\\s+calls?))\\s+(?:\\S+\\s+){0,2}?(?:from\\s+(?:the\\s+)?(?:user|human|owner)|secret\\s+from|hidden\\s+from)`),
  rule('conceal.so_user_does_not_see', 'concealment', 'high',
    `\\bso\\s+(?:that\\s+)?(?:the\\s+)?(?:user|human|owner|recipient)s?\\s+(?:doesn't|does\\s+not|won't|will\\s+not|can't|cannot|never|wouldn't)\\s+(?:see|notice|know|find\\s+out|learn|realize|realise|suspect|read)\\b`),
  rule('conceal.leave_out_of_summary', 'concealment', 'low',
    `\\b(?:leave\\s+out|omit|skip|hide|remove|drop)\\s+(?:\\S+\\s+){0,6}?(?:from|in|out\\s+of)\\s+(?:your|the)\\s+(?:summary|response|reply|answer|report)\\b`),
  rule('conceal.not_in_summary', 'concealment', 'high',
    `\\b(?:do\\s+not|don't|never)\\s+(?:mention|include|reveal|show|report|summari[sz]e|list)\\s+(?:\\S+\\s+){0,3}?(?:in|within)\\s+(?:your|the)\\s+(?:summary|response|reply|answer|output)\\b`),
];

const OBFUSCATION: InjectionRule[] = [
  rule('obfuscation.hidden_html_style', 'obfuscation', 'low',
    String.raw`(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*[;"']|opacity\s*:\s*0(?:\.0+)?\s*[;"']|color\s*:\s*(?:#fff(?:fff)?|white)\s*;\s*background(?:-color)?\s*:\s*(?:#fff(?:fff)?|white))`),
];

export const INJECTION_RULES: readonly InjectionRule[] = [
  ...OVERRIDE,
  ...ROLE,
  ...EXFILTRATION,
  ...TOOLS,
  ...CONCEALMENT,
  ...OBFUSCATION,
  ...MARKER_RULES,
  ...I18N_RULES,
];
