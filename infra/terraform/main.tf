# The SWF domain flowy runs in, and the IAM policies of the three roles (infra/iam/*.json, filled
# in with this account, region and domain). Types are not managed here: SWF type configuration is
# immutable and comes from the code, so `flowy register` registers them (see infra/README.md).
#
#   terraform init
#   terraform apply -var region=eu-west-1 -var domain=shop

terraform {
  required_version = ">= 1.3"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "region" {
  description = "AWS region of the SWF domain (SWF domains are regional)."
  type        = string
}

variable "domain" {
  description = "SWF domain name; workers and clients use it as --domain / SWF_DOMAIN."
  type        = string
  default     = "flowy"
}

variable "retention_days" {
  description = "Days SWF keeps the history of closed executions (0-90)."
  type        = number
  default     = 7
  validation {
    condition     = var.retention_days >= 0 && var.retention_days <= 90
    error_message = "retention_days must be between 0 and 90 (an SWF limit)."
  }
}

variable "description" {
  description = "Description of the SWF domain."
  type        = string
  default     = "flowy-ts workflows"
}

variable "policy_name_prefix" {
  description = "Prefix of the IAM policy names."
  type        = string
  default     = "flowy"
}

variable "tags" {
  description = "Tags for the domain and the policies."
  type        = map(string)
  default     = {}
}

provider "aws" {
  region = var.region
}

data "aws_caller_identity" "current" {}

resource "aws_swf_domain" "this" {
  name                                        = var.domain
  description                                 = var.description
  workflow_execution_retention_period_in_days = tostring(var.retention_days)
  tags                                        = var.tags
}

locals {
  # the ${Region}, ${Account} and ${Domain} placeholders of infra/iam/*.json
  policy_vars = {
    Region  = var.region
    Account = data.aws_caller_identity.current.account_id
    Domain  = aws_swf_domain.this.name
  }
}

resource "aws_iam_policy" "decider" {
  name        = "${var.policy_name_prefix}-${var.domain}-decider"
  description = "flowy workflow workers (deciders) of SWF domain ${var.domain}"
  policy      = templatefile("${path.module}/../iam/decider-policy.json", local.policy_vars)
  tags        = var.tags
}

resource "aws_iam_policy" "activity_worker" {
  name        = "${var.policy_name_prefix}-${var.domain}-activity-worker"
  description = "flowy activity workers of SWF domain ${var.domain}"
  policy      = templatefile("${path.module}/../iam/activity-worker-policy.json", local.policy_vars)
  tags        = var.tags
}

resource "aws_iam_policy" "operator" {
  name        = "${var.policy_name_prefix}-${var.domain}-operator"
  description = "flowy CLI and client (register, start, signal, cancel, history) on SWF domain ${var.domain}"
  policy      = templatefile("${path.module}/../iam/operator-policy.json", local.policy_vars)
  tags        = var.tags
}

output "domain_arn" {
  value = aws_swf_domain.this.arn
}

output "decider_policy_arn" {
  value = aws_iam_policy.decider.arn
}

output "activity_worker_policy_arn" {
  value = aws_iam_policy.activity_worker.arn
}

output "operator_policy_arn" {
  value = aws_iam_policy.operator.arn
}
