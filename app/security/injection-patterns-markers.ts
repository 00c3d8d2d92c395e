import { any, rule, type InjectionRule } from './injection-rules.js';

/**
 * Rules for injected text that pretends to be something it isn't: the end of the untrusted block, a
 * chat-template token, a system turn, a tool result, or the user's approval of a tool call.
 * Patterns target the folded text: lower-case, no diacritics.
 */

const CONTAINER = any(
  'untrusted', 'untrusted[\\s_-]*(?:content|data|input|text|block)', 'external[\\s_-]*(?:content|data|input)',
  'tool[\\s_-]*(?:results?|outputs?|responses?)', 'function[\\s_-]*(?:results?|outputs?|responses?)',
  'search[\\s_-]*results?', 'email[\\s_-]*(?:content|body)', 'retrieved[\\s_-]*(?:content|documents?)',
  'web[\\s_-]*(?:content|page)', 'user[\\s_-]*(?:data|content|email|message|input|document)',
  'external[\\s_-]*(?:email|message|document)',
);

const DELIMITERS: InjectionRule[] = [
  rule('delim.chat_template_token', 'delimiter_spoofing', 'high',
    String.raw`<\|\s*(?:im_start|im_end|im_sep|system|user|assistant|endoftext|end_of_text|begin_of_text|start_header_id|end_header_id|eot_id|eom_id|fim_[a-z]+|tool|ipython|end|start|channel|message|return|call)\s*\|>`),
  rule('delim.llama_markers', 'delimiter_spoofing', 'high',
    String.raw`(?:\[\s*\/?\s*inst\s*\]|<<\s*\/?\s*sys\s*>>|<\s*\/?\s*start_of_turn\s*>|<\s*\/?\s*end_of_turn\s*>|<\s*s\s*>\s*\[\s*inst)`),
  rule('delim.close_container', 'delimiter_spoofing', 'high',
    `<\\s*\\/\\s*${CONTAINER}\\b[^>\\n]{0,80}>`),
  rule('delim.open_system_tag', 'delimiter_spoofing', 'high',
    String.raw`<\s*(?:system|system[\s_-]*(?:prompt|message|instructions?|override|update)|admin|administrator|developer|developer[\s_-]*message|im_start|important[\s_-]*(?:system[\s_-]*)?instructions?)\s*>`),
  rule('delim.open_role_tag', 'delimiter_spoofing', 'medium',
    String.raw`<\s*\/?\s*(?:instructions?|assistant|user_query|human|ai|model|tool_result|function_results)\s*>`),
  rule('delim.bracket_system', 'delimiter_spoofing', 'high',
    String.raw`\[\s*\/?\s*(?:(?:begin|start|end)\s+(?:of\s+)?(?:the\s+)?)?(?:system\s+(?:message|prompt|override|note|instructions?|update|notice|alert)|sys(?:tem)?[\s_-]*(?:override|admin)|admin(?:istrator)?\s+(?:override|message|instructions?)|developer\s+(?:message|instructions?|override)|end\s+of\s+(?:system|user)\s+(?:prompt|message|input))\s*\]`),
  rule('delim.bracket_role', 'delimiter_spoofing', 'low',
    String.raw`(?:^|\n)\s*\[\s*(?:system|assistant|sys)\s*\]\s*:?`),
  rule('delim.markdown_role_header', 'delimiter_spoofing', 'high',
    String.raw`(?:^|\n)[ \t]*#{1,6}[ \t]*(?:new[ \t]+)?(?:system|assistant|developer|admin|administrator|system[ \t]+(?:prompt|message|instructions?|override|update))[ \t]*(?:message|prompt|instructions?)?[ \t]*:`),
  rule('delim.role_turn', 'delimiter_spoofing', 'low',
    String.raw`^[ \t]*(?:human|assistant)[ \t]*:[ \t]*\S`),
  rule('delim.system_turn_instruction', 'delimiter_spoofing', 'high',
    String.raw`(?:^|\n)[ \t]*(?:system|assistant|developer|\[\s*system\s*\])[ \t]*(?:message|prompt|note)?[ \t]*:?[ \t]*(?:you\b|ignore|disregard|forget|from\s+now|new\s+instructions|the\s+user\s+(?:has|wants|approved)|your\b|always\b|never\b|override)`),
  rule('delim.end_of_container', 'delimiter_spoofing', 'high',
    `(?:[-=*#\\[<(|]{1,}\\s*)(?:end|close|stop|exit)\\s*(?:of\\s+)?(?:the\\s+)?(?:${CONTAINER}|(?:tool|function|system)\\s+(?:call|output|result|response|prompt)|context|document|prompt)\\s*(?:[-=*#\\]>)|]|\\n|$)`),
  rule('delim.end_of_input', 'delimiter_spoofing', 'medium',
    String.raw`(?:[-=*#\[<(|]{2,}\s*)(?:end|close)\s*(?:of\s+)?(?:the\s+)?(?:input|text|data|content|message|email)\s*(?:[-=*#\]>)|]{2,})`),
  rule('delim.fake_tool_result', 'delimiter_spoofing', 'medium',
    String.raw`(?:^|\n)[ \t]*(?:tool[\s_]*(?:result|output|response)|function[\s_]*(?:result|output|response))[ \t]*(?:\(\s*[\w.:-]+\s*\))?[ \t]*:`),
  rule('delim.role_json', 'delimiter_spoofing', 'low',
    String.raw`["']role["']\s*:\s*["'](?:system|developer)["']`),
];

const CONSENT = any('approved', 'approve', 'authori[sz]ed', 'confirmed', 'consented', 'pre-?approved', 'permitted', 'allowed', 'accepted');

const APPROVALS: InjectionRule[] = [
  rule('approve.user_approved', 'approval_forgery', 'high',
    `\\b(?:the\\s+)?(?:user|human)(?:\\s+(?:operator|owner|user))?\\s+(?:has\\s+|have\\s+|had\\s+)?(?:already\\s+|previously\\s+|explicitly\\s+|just\\s+)?(?:approved|authori[sz]ed|confirmed|consented(?:\\s+to)?|pre-?approved|pre-?authori[sz]ed|okayed|ok'd|allowed|granted\\s+(?:permission|approval|consent|access))\\b(?!\\s+(?:their|his|her|my|our|your|(?:the|this|a|an)\\s+(?:email|account|subscription|order|booking|registration|payment|meeting|invitation|pull|merge|pr|changes?|document|budget|plan|draft|design|proposal|terms|purchase|invoice|appointment)))`),
  rule('approve.status_granted', 'approval_forgery', 'high',
    String.raw`\b(?:approval|authori[sz]ation|user[\s_-]?(?:approval|consent|confirmation)|tool[\s_-]?(?:approval|permission)|permission)(?:[\s_-]+status)?["']?\s*[:=]\s*["'\[]?\s*(?:granted|given|true|yes|y|1|auto|automatic|bypassed|not\s+required|skipped)\b`),
  rule('approve.approval_fields', 'approval_forgery', 'high',
    String.raw`\b(?:(?:approved|granted|authori[sz]ed|confirmed)[\s_-]by["']?\s*[:=]\s*["']?(?:the\s+)?(?:user|human|owner)\b|(?:approval|confirmation|consent)[\s_-]required\s*[:=]\s*["']?(?:false|no|0|none)\b|requires?[\s_-]approval\s*[:=]\s*["']?(?:false|no|0)\b)`),
  rule('approve.consent_received', 'approval_forgery', 'high',
    String.raw`\b(?:confirmation|approval|consent|permission|authori[sz]ation)\s+(?:was\s+|has\s+been\s+)?(?:received|obtained|given|granted)\s+(?:from|by)\s+(?:the\s+)?(?:user|account\s+(?:holder|owner)|owner|human|operator|customer|mailbox\s+owner)\b`),
  rule('approve.preauthorised_tool', 'approval_forgery', 'high',
    String.raw`\bpre-?(?:approved|authori[sz]ed|cleared)\s+(?:the\s+|all\s+|this\s+)?(?:tools?|actions?|functions?|calls?|plugins?|payments?|transfers?)\b`),
  rule('approve.status_approved', 'approval_forgery', 'low',
    String.raw`\b(?:approval|authori[sz]ation|user[\s_-]?(?:approval|consent))(?:[\s_-]+status)?\s*[:=]\s*["'\[]?\s*(?:approved|confirmed|ok|okay|accepted)\b`),
  rule('approve.bracket_tag', 'approval_forgery', 'high',
    String.raw`\[\s*(?:user[\s_-]?approved|auto[\s_-]?approved|pre[\s_-]?approved|approval[\s_-]+granted|approved[\s_-]+by[\s_-]+user|user[\s_-]+confirmed|confirmed[\s_-]+by[\s_-]+user|authori[sz]ed[\s_-]+by[\s_-]+user|permission[\s_-]+granted)\s*\]`),
  rule('approve.bracket_approved', 'approval_forgery', 'medium',
    String.raw`\[\s*(?:approved|authori[sz]ed|confirmed)\s*\]`),
  rule('approve.fake_yes', 'approval_forgery', 'low',
    String.raw`(?:\(\s*y(?:es)?\s*\/\s*no?\s*\)|\[\s*y(?:es)?\s*\/\s*no?\s*\])\s*[:?>]?\s*(?:y|yes)\b`),
  rule('approve.fake_user_turn_yes', 'approval_forgery', 'high',
    String.raw`(?:^|\n)[ \t]*(?:user|human|you|me|owner)[ \t]*[:>][ \t]*(?:y|yes|approve|approved|confirm|confirmed|allow|allowed|go\s+ahead|proceed)[ \t]*[.!]?[ \t]*(?:\n|$)`),
  rule('approve.preapproved', 'approval_forgery', 'high',
    `\\b(?:has|have|was|were|is|are)\\s+(?:been\\s+)?(?:already\\s+)?(?:pre-?approved|pre-?authori[sz]ed|auto(?:matically)?[\\s-]?approved|${CONSENT})\\s+(?:in\\s+advance\\s+)?(?:by\\s+(?:the\\s+)?(?:user|owner|human|operator|you)\\b|for\\s+(?:this|all|these|automatic|any)\\s+(?:tool|action|call|request|operation|execution|function)s?)`),
  rule('approve.skip_approval', 'approval_forgery', 'high',
    String.raw`\b(?:skip|skipping|bypass|bypassing|disable|disabling|circumvent|override|avoid|suppress|no\s+need\s+to\s+(?:ask\s+for|request|get|wait\s+for|show))\s+(?:the\s+|any\s+|all\s+|this\s+)?(?:user'?s?\s+|human\s+)?(?:(?:approval|confirmation|consent)(?:\s+(?:step|prompt|dialog|dialogue|check|modal|request|queue|process))?|permission\s+(?:prompt|dialog|dialogue|request|check|step|modal))\b`),
  rule('approve.without_asking', 'approval_forgery', 'high',
    String.raw`\bwithout\s+(?:(?:asking|requesting|waiting\s+for|prompting)\s+(?:for\s+)?(?:the\s+)?(?:user'?s?|human'?s?|their|owner'?s?)\s+(?:confirmation|approval|permission|consent)|(?:asking|consulting|checking\s+with|confirming\s+with|prompting|bothering|waiting\s+for|involving)\s+(?:the\s+)?(?:user|human|owner|operator)s?)\b(?!['’]s)(?!\s+(?:input|interaction|action|activity|response|events?|data)\b)`),
  rule('approve.no_confirmation_needed', 'approval_forgery', 'medium',
    String.raw`\b(?:user\s+)?(?:confirmation|approval|permission|consent)\s+(?:is\s+|was\s+)?(?:not\s+(?:required|needed|necessary)|unnecessary|already\s+(?:given|granted|obtained))\s+(?:for\s+)?(?:this\s+|these\s+|the\s+|any\s+)?(?:tool|action|call|request|operation|function|step)s?\b`),
];

export const MARKER_RULES: readonly InjectionRule[] = [...DELIMITERS, ...APPROVALS];
