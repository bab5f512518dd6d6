"""Static reference data of the simulated company: channels, networks, campaigns,
countries, lifts and the small string pools that rows sample by index.

Everything here is scale-independent. The numbers are the causal model's
parameters (see docs/generator.md) and are the single place to tune realism.
"""

from __future__ import annotations

SITE = "https://www.northwind-outfitters.com"

# --- canonical channels (index = channel code) ----------------------------------
CHANNELS = [
    "paid_search",
    "paid_social",
    "display",
    "native",
    "affiliate",
    "video",
    "email",
    "sms",
    "whatsapp",
    "web_push",
    "organic_search",
    "organic_social",
    "ai_search",
    "referral",
    "direct",
]
CH = {name: i for i, name in enumerate(CHANNELS)}
PAID_CHANNELS = {"paid_search", "paid_social", "display", "native", "affiliate", "video"}
OWNED_CHANNELS = {"email", "sms", "whatsapp", "web_push"}

# Funnel stage of a channel: the mean lag (days) of its touches before the
# conversion opportunity they lead up to. Upper funnel comes early, lower late.
CHANNEL_LAG_DAYS = {
    "video": 12.0,
    "display": 10.0,
    "paid_social": 8.0,
    "native": 8.0,
    "organic_social": 8.0,
    "referral": 5.0,
    "affiliate": 3.0,
    "ai_search": 5.0,
    "organic_search": 4.0,
    "paid_search": 3.0,
    "email": 2.0,
    "sms": 1.0,
    "whatsapp": 1.0,
    "web_push": 1.0,
    "direct": 1.5,
}

# Relative frequency of a channel among the touches that lead up to an
# opportunity ("pre" touches) and among the closing visit just before it.
PRE_TOUCH_WEIGHTS = {
    "video": 6,
    "display": 7,
    "paid_social": 12,
    "native": 4,
    "affiliate": 3,
    "paid_search": 11,
    "organic_search": 14,
    "ai_search": 5,
    "referral": 5,
    "organic_social": 6,
    "email": 10,
    "sms": 3,
    "whatsapp": 2,
    "web_push": 3,
    "direct": 8,
}
CLOSING_TOUCH_WEIGHTS = {
    "direct": 34,
    "paid_search": 20,
    "organic_search": 14,
    "email": 12,
    "sms": 4,
    "web_push": 3,
    "whatsapp": 2,
    "ai_search": 4,
    "referral": 3,
    "paid_social": 4,
}

# Causal lift: log-odds added to the opportunity's conversion propensity by one
# touch of the channel (campaigns may override it, e.g. brand search). Several
# touches of one channel have diminishing returns: the k-th most recent touch
# adds lift * 0.5 ** (k - 1).
CHANNEL_LIFT = {
    "video": 0.90,
    "display": 0.55,
    "paid_social": 0.60,
    "native": 0.35,
    "affiliate": 0.30,
    "paid_search": 0.45,
    "organic_search": 0.35,
    "ai_search": 0.60,
    "referral": 0.30,
    "organic_social": 0.30,
    "email": 0.12,
    "sms": 0.15,
    "whatsapp": 0.20,
    "web_push": 0.08,
    "direct": 0.03,
}
BASE_LOG_ODDS = {"shopper": -3.0, "b2b": -3.2}
PROPENSITY_SD = 0.6
CAUSAL_WINDOW_DAYS = 30

# --- countries -------------------------------------------------------------------
# code, weight, currency, UTC offsets (minutes) people there browse with, phone
# country code, national number length, national prefix digits.
COUNTRIES = [
    ("US", 0.50, "USD", [-240, -300, -360, -420], "1", 10, ""),
    ("GB", 0.14, "GBP", [0, 60], "44", 10, "7"),
    ("DE", 0.10, "EUR", [60, 120], "49", 11, "15"),
    ("FR", 0.07, "EUR", [60, 120], "33", 9, "6"),
    ("CA", 0.07, "CAD", [-240, -420], "1", 10, ""),
    ("AU", 0.05, "AUD", [600, 660], "61", 9, "4"),
    ("NL", 0.04, "EUR", [60, 120], "31", 9, "6"),
    ("JP", 0.03, "JPY", [540], "81", 10, "90"),
]
# Rates to USD used for truth.revenue_usd (1 unit of currency = rate USD).
USD_RATES = {"USD": 1.0, "EUR": 1.08, "GBP": 1.27, "CAD": 0.74, "AUD": 0.66, "JPY": 0.0067}

# --- ad networks and campaigns ---------------------------------------------------
# network -> (click id url parameter, reports cost per click, click window days,
# view window days, account UTC offset minutes, account currency)
NETWORKS = {
    "google": ("gclid", True, 30, 1, -420, "USD"),
    "microsoft": ("msclkid", True, 30, 0, -300, "USD"),
    "meta": ("fbclid", False, 7, 1, -480, "USD"),
    "tiktok": ("ttclid", False, 7, 1, 0, "USD"),
    "linkedin": ("li_fat_id", True, 30, 7, -300, "USD"),
    "taboola": ("clickid", True, 30, 1, 120, "EUR"),
    "outbrain": ("clickid", True, 30, 0, -240, "USD"),
    "awin": ("clickid", False, 30, 0, 60, "GBP"),
}

# One row per campaign. `spelling` is how this account's integration spells the
# network (ad_clicks.traffic_source and ad_spend.platform); `lift` overrides the
# channel lift; `closing_weight` its weight when the touch is a closing visit.
# (campaign_id, name, network, spelling, channel, utm_source, utm_medium, weight,
#  closing_weight, lift, cpc_usd, ctr)
CAMPAIGNS = [
    (
        "18234500011",
        "Brand | Search | Exact",
        "google",
        "Google Ads",
        "paid_search",
        "google",
        "cpc",
        3,
        10,
        0.12,
        0.45,
        0.12,
    ),
    (
        "18234500012",
        "Generic | Hiking Boots",
        "google",
        "adwords",
        "paid_search",
        "google",
        "cpc",
        5,
        1,
        None,
        1.35,
        0.05,
    ),
    (
        "18234500013",
        "Generic | Rain Jackets",
        "google",
        "google",
        "paid_search",
        "google",
        "ppc",
        4,
        1,
        None,
        1.10,
        0.05,
    ),
    (
        "18234500021",
        "Display | Prospecting | In-Market",
        "google",
        "Google Ads",
        "display",
        "google",
        "display",
        5,
        0,
        None,
        0.60,
        0.004,
    ),
    (
        "18234500022",
        "Display | Remarketing",
        "google",
        "adwords",
        "display",
        "google",
        "banner",
        3,
        0,
        0.30,
        0.50,
        0.006,
    ),
    (
        "18234500031",
        "YouTube | Awareness | Trail Film",
        "google",
        "Google Ads",
        "video",
        "youtube",
        "video",
        6,
        0,
        None,
        0.35,
        0.006,
    ),
    (
        "4711001",
        "Brand - Bing Exact",
        "microsoft",
        "Microsoft Ads",
        "paid_search",
        "bing",
        "cpc",
        1,
        3,
        0.12,
        0.40,
        0.10,
    ),
    ("4711002", "Generic - Outdoor Gear", "microsoft", "bing", "paid_search", "bing", "cpc", 2, 0, None, 0.95, 0.04),
    (
        "120210000000001",
        "Prospecting - Advantage+ Shopping",
        "meta",
        "Meta",
        "paid_social",
        "facebook",
        "paid_social",
        5,
        1,
        None,
        0.80,
        0.012,
    ),
    (
        "120210000000002",
        "Retargeting - DPA 30d",
        "meta",
        "facebook",
        "paid_social",
        "fb",
        "cpc",
        3,
        3,
        0.25,
        0.90,
        0.015,
    ),
    (
        "120210000000003",
        "Lookalike 1% - Hikers",
        "meta",
        "fb",
        "paid_social",
        "facebook",
        "paid_social",
        3,
        0,
        None,
        0.85,
        0.010,
    ),
    (
        "120210000000004",
        "Instagram Stories - Autumn",
        "meta",
        "Instagram",
        "paid_social",
        "instagram",
        "paid_social",
        3,
        0,
        None,
        0.75,
        0.009,
    ),
    (
        "1790000000001",
        "Spark Ads - Creators",
        "tiktok",
        "TikTok",
        "paid_social",
        "tiktok",
        "paid_social",
        3,
        0,
        None,
        0.55,
        0.010,
    ),
    (
        "1790000000002",
        "TopView - Trail Launch",
        "tiktok",
        "TikTok",
        "video",
        "tiktok",
        "video",
        3,
        0,
        None,
        0.30,
        0.008,
    ),
    (
        "600100001",
        "Lead Gen - Team Outfitting",
        "linkedin",
        "LinkedIn",
        "paid_social",
        "linkedin",
        "paid_social",
        2,
        0,
        None,
        5.50,
        0.006,
    ),
    ("tb-88001", "Taboola - Blog Promo", "taboola", "Taboola", "native", "taboola", "native", 3, 0, None, 0.35, 0.002),
    (
        "ob-52001",
        "Outbrain - Gear Reviews",
        "outbrain",
        "Outbrain",
        "native",
        "outbrain",
        "native",
        2,
        0,
        None,
        0.40,
        0.002,
    ),
    ("awin-7001", "Awin Partners - Coupons", "awin", "Awin", "affiliate", "awin", "affiliate", 3, 0, 0.15, 0.00, 0.02),
]
# Campaign weights are multiplied by this for b2b people (LinkedIn for teams).
B2B_CAMPAIGN_BOOST = {"600100001": 6.0}

# --- referrers and sources of unpaid visits --------------------------------------
ORGANIC_SEARCH_REFERRERS = [
    "https://www.google.com/",
    "https://www.google.com/",
    "https://www.google.co.uk/",
    "https://www.google.de/",
    "https://www.bing.com/",
    "https://duckduckgo.com/",
    "https://search.yahoo.com/",
    "https://www.ecosia.org/",
]
ORGANIC_SOCIAL_REFERRERS = [
    "https://l.facebook.com/",
    "https://m.facebook.com/",
    "https://l.instagram.com/",
    "https://t.co/",
    "https://www.linkedin.com/",
    "https://www.reddit.com/",
    "https://www.youtube.com/",
    "https://www.pinterest.com/",
]
AI_REFERRERS = [
    "https://chatgpt.com/",
    "https://chatgpt.com/",
    "https://www.perplexity.ai/",
    "https://gemini.google.com/",
    "https://copilot.microsoft.com/",
    "https://claude.ai/",
]
AI_UTM_SOURCES = ["chatgpt.com", "perplexity.ai", "chatgpt.com"]
PAID_REFERRERS = {
    "google": "https://www.google.com/",
    "microsoft": "https://www.bing.com/",
    "meta": "https://l.facebook.com/",
    "tiktok": "",
    "linkedin": "https://www.linkedin.com/",
    "taboola": "https://www.theguardian.com/",
    "outbrain": "https://www.cnn.com/",
    "awin": "https://www.vouchercodes.co.uk/",
}
MESSAGE_REFERRERS = {
    "email": ["", "https://mail.google.com/", "https://outlook.live.com/"],
    "sms": [""],
    "whatsapp": ["", "https://web.whatsapp.com/"],
    "web_push": [""],
}
MESSAGE_UTM = {  # channel -> (utm_source, utm_medium)
    "email": ("klaviyo", "email"),
    "sms": ("attentive", "sms"),
    "whatsapp": ("whatsapp", "whatsapp"),
    "web_push": ("onesignal", "push"),
}
MESSAGE_CAMPAIGNS = {
    "email": [
        "Weekly Newsletter",
        "New Arrivals",
        "Autumn Sale",
        "Abandoned Cart",
        "Back in Stock",
        "Team Outfitting Webinar",
    ],
    "sms": ["Flash Sale", "Order Reminder", "VIP Early Access"],
    "whatsapp": ["Restock Alert", "Personal Stylist"],
    "web_push": ["Price Drop", "New Arrivals Push", "Cart Reminder"],
}

# --- site pages --------------------------------------------------------------------
LANDING_PATHS = [
    "/",
    "/collections/hiking-boots",
    "/collections/rain-jackets",
    "/products/trailblazer-gtx",
    "/products/stormshell-jacket",
    "/products/summit-pack-35",
    "/lp/autumn-sale",
    "/blog/best-hiking-trails-2026",
    "/blog/how-to-layer-for-rain",
    "/teams",
    "/pricing/teams",
]
INNER_PATHS = [
    "/collections/hiking-boots",
    "/collections/rain-jackets",
    "/collections/backpacks",
    "/products/trailblazer-gtx",
    "/products/stormshell-jacket",
    "/products/summit-pack-35",
    "/products/alpine-fleece",
    "/cart",
    "/search?q=boots",
    "/about",
    "/shipping",
    "/reviews",
    "/teams",
    "/size-guide",
]

# --- devices -------------------------------------------------------------------------
# device_type -> list of (user agent, os, browser)
USER_AGENTS = {
    "desktop": [
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
            "Windows",
            "Chrome",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Windows",
            "Edge",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "macOS",
            "Safari",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
            "macOS",
            "Chrome",
        ),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0", "Windows", "Firefox"),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
            "Linux",
            "Chrome",
        ),
    ],
    "mobile": [
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "iOS",
            "Safari",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/130.0.6723.90 Mobile/15E148 Safari/604.1",
            "iOS",
            "Chrome",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36",
            "Android",
            "Chrome",
        ),
        (
            "Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
            "Android",
            "Chrome",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
            "Android",
            "Samsung Internet",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/487.0.0.0]",
            "iOS",
            "Facebook App",
        ),
    ],
    "tablet": [
        (
            "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "iPadOS",
            "Safari",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
            "Android",
            "Chrome",
        ),
    ],
}
DEVICE_TYPES = ["desktop", "mobile", "tablet"]

BOT_USER_AGENTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0.0.0 Safari/537.36",
    "python-requests/2.32.3",
    "curl/8.7.1",
    "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
]

# --- CRM --------------------------------------------------------------------------------
LEAD_SOURCES_BY_CHANNEL = {
    "ai_search": ["ChatGPT", "chatgpt", "Perplexity", "asked ChatGPT", "Claude", "Gemini"],
    "organic_search": ["Google", "google search", "Bing", "Search engine"],
    "paid_search": ["Google", "Google ad"],
    "paid_social": ["Facebook", "Instagram", "LinkedIn", "TikTok"],
    "organic_social": ["LinkedIn", "Reddit", "Instagram"],
    "referral": ["a blog", "Friend", "colleague recommended", "a podcast"],
    "video": ["YouTube", "a podcast"],
    "other": ["a podcast", "Trade show", "Friend", "Other", "Newsletter"],
}
AI_LEAD_SOURCES = ["ChatGPT", "chatgpt", "Perplexity", "asked ChatGPT", "Claude", "Gemini"]
STORES = ["store_001", "store_007", "store_012", "store_015", "store_023"]

# Deal stage funnel: (stage, probability of reaching it from the previous one,
# (min, max) days after the previous stage).
DEAL_STAGES = [
    ("qualified", 1.0, (1, 6)),
    ("demo", 0.70, (2, 10)),
    ("proposal", 0.65, (3, 14)),
]
DEAL_WIN_RATE = 0.45
DEAL_CLOSE_DAYS = (5, 21)

JUNK_IDENTIFIERS = ["", "null", "undefined", "0", "test@test.com"]
