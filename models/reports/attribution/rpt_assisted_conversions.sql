{#-
    One row per channel: conversions whose path the channel is in, split into
    those it closed (it holds the last touch) and those it assisted (in the
    path, without the last touch), with revenue and the assist ratio.
-#}
{{ mta.assisted_conversions(['channel']) }}
