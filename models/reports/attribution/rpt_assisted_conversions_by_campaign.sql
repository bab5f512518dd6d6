{#-
    One row per channel x campaign (campaign key as in rpt_channel_performance):
    conversions the campaign closed (holds the last touch) or assisted (in the
    path, without the last touch). is_assist_only flags campaigns that assist
    but never close.
-#}
{{ mta.assisted_conversions(['channel', 'campaign']) }}
