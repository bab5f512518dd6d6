{% macro scrub_pii(expression) -%}
    {{ return(adapter.dispatch('scrub_pii', 'mta')(expression)) }}
{%- endmacro %}

{#- Emails first (they hold dots and digits), then IPv6, IPv4, phones. -#}
{% macro default__scrub_pii(expression) -%}
    case
        when {{ mta.regex_matches(expression, mta.pii_candidate_pattern()) }}
            then {{ mta.regex_replace_all(
                mta.regex_replace_all(
                    mta.regex_replace_all(
                        mta.regex_replace_all(expression, mta.pii_email_pattern(), '[email]'),
                        mta.pii_ipv6_pattern(), '[ip]'),
                    mta.pii_ipv4_pattern(), '[ip]'),
                mta.pii_phone_pattern(), '[phone]') }}
        else {{ expression }}
    end
{%- endmacro %}
